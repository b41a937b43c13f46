using Microsoft.Extensions.Options;

namespace Gateway.Telemetry;

/// <summary>
/// The standard OTLP exporter variables (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>_PROTOCOL</c>, <c>_HEADERS</c>) as a
/// fallback for <c>Gateway:Telemetry:Otlp</c>: used only when no endpoint is set there, so a setting of the gateway's
/// own always wins. The audit stream never takes them: where audit events go is decided in its own settings.
/// </summary>
internal sealed class OtlpEnvironment(IConfiguration configuration) : IPostConfigureOptions<TelemetryOptions>
{
    public void PostConfigure(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Apply(options.Otlp, configuration);
    }

    public static void Apply(TelemetryOtlpOptions options, IConfiguration configuration)
    {
        if (options.IsConfigured || configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is not { Length: > 0 } endpoint)
        {
            return;
        }

        options.Endpoint = endpoint;
        options.Protocol = configuration["OTEL_EXPORTER_OTLP_PROTOCOL"]?.Trim() switch
        {
            "grpc" => OtlpProtocol.Grpc,
            _ => OtlpProtocol.HttpProtobuf,
        };

        // W3C baggage format, as the specification has it: key=value pairs, comma-separated, values percent-encoded.
        foreach (var pair in (configuration["OTEL_EXPORTER_OTLP_HEADERS"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                options.Headers[pair[..equals].Trim()] = Uri.UnescapeDataString(pair[(equals + 1)..].Trim());
            }
        }
    }
}
