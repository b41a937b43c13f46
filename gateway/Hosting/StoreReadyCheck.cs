using Gateway.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Hosting;

/// <summary>Ready only when the store takes a write lock now (<see cref="StoreHealth"/>) and has every migration applied.</summary>
internal sealed class StoreReadyCheck(IDbContextFactory<GatewayDbContext> db, StoreHealth health) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (await health.ProbeAsync(cancellationToken) is { } problem)
        {
            return HealthCheckResult.Unhealthy($"The token store cannot be relied on ({problem}).");
        }

        try
        {
            await using var store = await db.CreateDbContextAsync(cancellationToken);
            if (!await store.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The token store cannot be reached.");
            }

            var pending = (await store.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Token store reachable, migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied.");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"The token store cannot be read ({ex.GetType().Name}).");
        }
    }
}
