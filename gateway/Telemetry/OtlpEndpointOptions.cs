using System.ComponentModel.DataAnnotations;

namespace Gateway.Telemetry;

/// <summary>Where and how one OTLP stream is sent: the collector's address, the protocol, the headers it wants.</summary>
public abstract class OtlpEndpointOptions
{
    /// <summary>
    /// The collector's base address (<c>http://collector:4318</c> for OTLP/HTTP, <c>http://collector:4317</c> for gRPC);
    /// empty: nothing is sent. For OTLP/HTTP the signal's path (<c>/v1/logs</c> …) is appended.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary><c>HttpProtobuf</c> (default) or <c>Grpc</c>.</summary>
    public OtlpProtocol Protocol { get; set; } = OtlpProtocol.HttpProtobuf;

    /// <summary>
    /// Headers sent with every export, e.g. <c>Headers:Authorization</c> = <c>Bearer …</c> for a collector that wants a
    /// key. Secret: set them from the environment or a secret store; they are never logged.
    /// </summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long one export may take before it is abandoned (the data waits for the next try or is dropped).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>True when an endpoint is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(Endpoint);

    /// <summary>The address one signal is sent to: for OTLP/HTTP the base address with <c>/v1/{signal}</c> appended.</summary>
    public Uri SignalEndpoint(string signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var endpoint = new Uri(Endpoint!, UriKind.Absolute);
        if (Protocol == OtlpProtocol.Grpc)
        {
            return endpoint;
        }

        var builder = new UriBuilder(endpoint);
        builder.Path = builder.Path.TrimEnd('/') + "/v1/" + signal;
        return builder.Uri;
    }
}
