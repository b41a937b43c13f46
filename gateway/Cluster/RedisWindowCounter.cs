using StackExchange.Redis;

namespace Gateway.Cluster;

/// <summary>
/// Fixed windows kept in Redis, the same algorithm as the single-node limiter: one atomic script per request adds
/// one to the window's counter, starts the window's expiry on its first hit, and returns the count and the time left,
/// so every instance counts against the same window.
/// </summary>
public sealed class RedisWindowCounter(RedisConnection redis)
{
    private const string Script = """
        local count = redis.call('INCR', KEYS[1])
        local ttl = redis.call('PTTL', KEYS[1])
        if ttl < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          ttl = tonumber(ARGV[1])
        end
        return {count, ttl}
        """;

    /// <summary>Counts one hit in <paramref name="key"/>'s window; throws <see cref="RedisException"/> or <see cref="TimeoutException"/> when Redis cannot answer.</summary>
    public async Task<(long Count, TimeSpan ResetIn)> HitAsync(string key, TimeSpan window)
    {
        if (!redis.TryGet(out var connection))
        {
            // Counted as unreachable (the caller's fallback applies) rather than waiting for the connect.
            throw new TimeoutException("Redis is still being connected to.");
        }

        var result = (RedisResult[])(await connection.GetDatabase().ScriptEvaluateAsync(
            Script,
            [new RedisKey(redis.Options.KeyPrefix + key)],
            [(long)window.TotalMilliseconds]))!;
        return ((long)result[0], TimeSpan.FromMilliseconds((long)result[1]));
    }
}
