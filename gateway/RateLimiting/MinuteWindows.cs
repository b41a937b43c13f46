using Gateway.Cluster;

namespace Gateway.RateLimiting;

/// <summary>One-minute <see cref="SharedWindows{TKey}"/> counted where <c>Gateway:RateLimiting:Store</c> says, with its Redis fallback (sign-ins, portal actions).</summary>
public static class MinuteWindows
{
    public static SharedWindows<TKey> Create<TKey>(RateLimitingOptions settings, RedisWindowCounter redis, RedisOptions redisOptions, TimeProvider time, ILogger logger)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(redisOptions);
        return new SharedWindows<TKey>(
            TimeSpan.FromMinutes(1),
            settings.MaxTrackedClients,
            settings.Store == RateLimitStore.Redis ? redis : null,
            redisOptions.OperationTimeout,
            settings.RedisFallback,
            time,
            logger);
    }
}
