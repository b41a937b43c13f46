using Microsoft.Extensions.Diagnostics.HealthChecks;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

namespace Gateway.Hosting;

/// <summary>
/// Not ready while a cluster has no destination to send to: all marked unhealthy by YARP's health checks
/// (with no active checks configured, destinations count as available).
/// </summary>
internal sealed class BackendReadyCheck(IProxyStateLookup proxy) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var down = proxy.GetClusters()
            .Where(cluster => cluster.DestinationsState.AvailableDestinations.Count == 0)
            .Select(cluster => cluster.ClusterId)
            .ToList();
        return Task.FromResult(down.Count == 0
            ? HealthCheckResult.Healthy("Every backend cluster has an available destination.")
            : HealthCheckResult.Unhealthy($"No available destination in: {string.Join(", ", down)}."));
    }
}
