using Gateway.RateLimiting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Gateway.Cluster;

/// <summary>
/// Redis as readiness sees it: not used, reachable, or unreachable. Unreachable is Degraded, not Unhealthy: the
/// instance still serves (rate limits as <c>Gateway:RateLimiting:RedisFallback</c> says, token changes within the
/// cache's re-validation bound), so a load balancer should keep sending it traffic while operators get told.
/// </summary>
internal sealed class RedisReadyCheck(RedisConnection redis, IOptions<RateLimitingOptions> limits) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!redis.Options.IsConfigured)
        {
            return HealthCheckResult.Healthy("Redis not configured (single instance).");
        }

        try
        {
            var connection = await redis.GetAsync();
            await connection.GetDatabase().PingAsync();
            return HealthCheckResult.Healthy("Redis reachable.");
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            var fallback = limits.Value.Store == RateLimitStore.Redis ? limits.Value.RedisFallback.ToString() : "not used";
            return HealthCheckResult.Degraded($"Redis unreachable ({ex.GetType().Name}); rate-limit fallback: {fallback}.");
        }
    }
}
