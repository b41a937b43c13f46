using Gateway.RateLimiting;
using HealthChecks.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gateway.Cluster;

/// <summary>
/// Redis as readiness sees it: not used, reachable, or unreachable. Reachable is what the AspNetCore.HealthChecks.Redis
/// check says (every configured endpoint answers a ping; a cluster node reports <c>cluster_state:ok</c>), asked of the
/// gateway's own connection, which is opened in the background and never waited for on the request path. Unreachable is
/// Degraded, not Unhealthy: the instance still serves (rate limits as <c>Gateway:RateLimiting:RedisFallback</c> says,
/// token changes within the cache's re-validation bound), so a load balancer should keep sending it traffic while
/// operators get told.
/// </summary>
internal sealed class RedisReadyCheck(RedisConnection redis, IOptions<RateLimitingOptions> limits) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!redis.Options.IsConfigured)
        {
            return HealthCheckResult.Healthy("Redis not configured (single instance).");
        }

        string? problem;
        try
        {
            var result = await new RedisHealthCheck(await redis.GetAsync()).CheckHealthAsync(context, cancellationToken);
            problem = result.Status == HealthStatus.Healthy ? null : result.Exception?.GetType().Name ?? result.Description ?? "no answer";
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            // The first connect failed outright (a name that does not resolve …).
            problem = ex.GetType().Name;
        }

        if (problem is null)
        {
            return HealthCheckResult.Healthy("Redis reachable.");
        }

        var fallback = limits.Value.Store == RateLimitStore.Redis ? limits.Value.RedisFallback.ToString() : "not used";
        return HealthCheckResult.Degraded($"Redis unreachable ({problem}); rate-limit fallback: {fallback}.");
    }
}
