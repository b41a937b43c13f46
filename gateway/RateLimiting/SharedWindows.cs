using Gateway.Cluster;

namespace Gateway.RateLimiting;

/// <summary>
/// Fixed windows counted where the configuration says: in this process, or in Redis so that every instance counts in
/// the same window. While Redis cannot be used (unreachable, slow, failing) the stated <see cref="RedisFallback"/>
/// applies and a warning is logged at most once a minute; acquiring never throws for Redis.
/// </summary>
public sealed partial class SharedWindows<TKey> : IDisposable
    where TKey : notnull
{
    private readonly LimiterTable<TKey> _local;
    private readonly RedisWindowCounter? _redis;
    private readonly Func<TKey, string> _redisKey;
    private readonly RedisFallback _fallback;
    private readonly TimeSpan _window;
    private readonly TimeSpan _redisTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OncePer _warning;
    private long _fallbacks;

    /// <param name="redis">Null: windows live in this process only.</param>
    /// <param name="redisKey">The Redis key of a window (built only when Redis is asked).</param>
    public SharedWindows(TimeSpan window, int localCapacity, RedisWindowCounter? redis, Func<TKey, string> redisKey, TimeSpan redisTimeout, RedisFallback fallback, TimeProvider time, ILogger logger)
    {
        _window = window;
        _redis = redis;
        _redisKey = redisKey;
        _redisTimeout = redisTimeout;
        _fallback = fallback;
        _time = time;
        _logger = logger;
        _warning = new OncePer(TimeSpan.FromMinutes(1), time);
        _local = new LimiterTable<TKey>(window, localCapacity, time);
    }

    /// <summary>True when windows are counted in Redis: acquiring then needs a round trip (<see cref="AcquireAsync"/>).</summary>
    public bool IsDistributed => _redis is not null;

    /// <summary>Permits counted locally because Redis could not be used, since start.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>Takes one permit from this process's window (the local store, or the Redis fallback).</summary>
    public WindowLease Acquire(TKey key, int limit) => _local.Acquire(key, limit);

    /// <summary>
    /// Takes one permit from the window of <paramref name="key"/>. The lease carries the window as this request counted
    /// it, wherever it was counted.
    /// </summary>
    public async ValueTask<WindowLease> AcquireAsync(TKey key, int limit, CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return Acquire(key, limit);
        }

        try
        {
            // The client library checks its own timeout only once a second; this bounds the wait per call.
            var (count, resetIn) = await _redis.HitAsync(_redisKey(key), _window).WaitAsync(_redisTimeout, cancellationToken);
            var counted = new LimitSnapshot(limit, (int)Math.Clamp(limit - count, 0, limit), _time.GetUtcNow() + resetIn);
            return new WindowLease(count <= limit, counted, resetIn);
        }
#pragma warning disable CA1031 // Whatever Redis does, the caller gets the stated fallback, never an error.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _fallbacks);
            if (_warning.TryEnter())
            {
                Log.Unreachable(_logger, _fallback.ToString(), ex.GetType().Name);
            }

            return _fallback == RedisFallback.Local
                ? Acquire(key, limit)
                : new WindowLease(false, new LimitSnapshot(limit, 0, _time.GetUtcNow() + TimeSpan.FromSeconds(1)), TimeSpan.FromSeconds(1));
        }
    }

    public void Dispose() => _local.Dispose();

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Redis is unreachable for rate limits; limits fall back to {Fallback} until it is back ({ExceptionType}).")]
        public static partial void Unreachable(ILogger logger, string fallback, string exceptionType);
    }
}
