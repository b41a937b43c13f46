using Gateway.Cluster;

namespace Gateway.RateLimiting;

/// <summary>One-minute <see cref="SharedWindows{TKey}"/> counted where <c>Gateway:RateLimiting:Store</c> says, with its Redis fallback (sign-ins, portal actions).</summary>
public static class MinuteWindows
{
    /// <param name="redisKey">The Redis key of a window: a prefix of the caller's own keeps its windows apart from the others'.</param>
    public static SharedWindows<TKey> Create<TKey>(RateLimitingOptions settings, RedisWindowCounter redis, Func<TKey, string> redisKey, RedisOptions redisOptions, TimeProvider time, ILogger logger)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(redisOptions);
        return new SharedWindows<TKey>(
            TimeSpan.FromMinutes(1),
            settings.MaxTrackedClients,
            settings.Store == RateLimitStore.Redis ? redis : null,
            redisKey,
            redisOptions.OperationTimeout,
            settings.RedisFallback,
            time,
            logger);
    }
}
