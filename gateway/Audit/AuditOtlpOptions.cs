using System.ComponentModel.DataAnnotations;
using Gateway.Telemetry;

namespace Gateway.Audit;

/// <summary>
/// Settings under <c>Gateway:Audit:Otlp</c>: a copy of the audit stream shipped off-host as OTLP log records (each
/// event's fields as attributes, redacted as in the files). Off until an endpoint is set; never from the
/// <c>OTEL_*</c> variables, so the audit stream goes only where its own settings send it. The files stay the record.
/// </summary>
public sealed class AuditOtlpOptions : OtlpEndpointOptions
{
    public const string Section = "Gateway:Audit:Otlp";

    /// <summary>The stream's name in metrics and warnings.</summary>
    public const string Stream = "audit";

    /// <summary>Events held for shipping while the collector is slow or down; beyond this, new ones are not shipped (the files still have them).</summary>
    [Range(100, 1_000_000)]
    public int QueueLimit { get; set; } = 10_000;
}
