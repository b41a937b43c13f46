namespace Gateway.Telemetry;

/// <summary>How OTLP is carried to the collector.</summary>
public enum OtlpProtocol
{
    /// <summary>OTLP/HTTP with protobuf bodies (port 4318 by convention); the signal's path (<c>/v1/traces</c> …) is added to the endpoint.</summary>
    HttpProtobuf,

    /// <summary>OTLP/gRPC (port 4317 by convention); the endpoint is used as it is.</summary>
    Grpc,
}
