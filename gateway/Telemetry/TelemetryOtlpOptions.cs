using System.ComponentModel.DataAnnotations;

namespace Gateway.Telemetry;

/// <summary>Settings under <c>Gateway:Telemetry:Otlp</c>: the operational telemetry (metrics, traces, console log) over OTLP.</summary>
public sealed class TelemetryOtlpOptions : OtlpEndpointOptions
{
    /// <summary>Export metrics (the same instruments <c>/metrics</c> shows).</summary>
    public bool Metrics { get; set; } = true;

    /// <summary>
    /// Export traces: a span per request (ASP.NET Core's own) and per forwarded call (System.Net.Http's), and a W3C
    /// <c>traceparent</c> to the backend. Off: no per-request span is created at all.
    /// </summary>
    public bool Traces { get; set; } = true;

    /// <summary>Export the console log's events as OTLP log records (redacted as the console is).</summary>
    public bool Logs { get; set; } = true;

    /// <summary>How often metrics are exported (and once more when the gateway stops).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether traces leave the gateway: the only case in which a per-request span exists.</summary>
    public bool ExportsTraces => IsConfigured && Traces;
}
