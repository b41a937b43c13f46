using Gateway.Audit;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Hosting;

/// <summary>Not ready while the audit log cannot be written: the public listener refuses requests then.</summary>
internal sealed class AuditReadyCheck(AuditLog audit) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(audit.Writable
            ? HealthCheckResult.Healthy("The audit log is being written.")
            : HealthCheckResult.Unhealthy("The audit log cannot be written (disk full or I/O error)."));
}
