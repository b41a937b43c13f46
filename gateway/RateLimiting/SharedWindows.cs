using System.Threading.RateLimiting;
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
    private readonly RedisFallback _fallback;
    private readonly TimeSpan _window;
    private readonly TimeSpan _redisTimeout;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OncePer _warning;
    private long _fallbacks;

    /// <param name="redis">Null: windows live in this process only.</param>
    public SharedWindows(TimeSpan window, int localCapacity, RedisWindowCounter? redis, TimeSpan redisTimeout, RedisFallback fallback, TimeProvider time, ILogger logger)
    {
        _window = window;
        _redis = redis;
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
    public RateLimitLease Acquire(TKey key, int limit) => _local.Acquire(key, limit);

    /// <summary>This process's window, for headers.</summary>
    public LimitSnapshot Snapshot(TKey key, int limit) => _local.Snapshot(key, limit);

    /// <summary>
    /// Takes one permit from the window of <paramref name="key"/> (<paramref name="redisKey"/> in Redis). Returns the
    /// lease and, for a Redis window, what this request counted (for its headers).
    /// </summary>
    public async ValueTask<(RateLimitLease Lease, LimitSnapshot? Counted)> AcquireAsync(TKey key, string redisKey, int limit, CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return (Acquire(key, limit), null);
        }

        try
        {
            // The client library checks its own timeout only once a second; this bounds the wait per call.
            var (count, resetIn) = await _redis.HitAsync(redisKey, _window).WaitAsync(_redisTimeout, cancellationToken);
            var counted = new LimitSnapshot(limit, (int)Math.Clamp(limit - count, 0, limit), _time.GetUtcNow() + resetIn);
            return (count <= limit ? WindowLease.Acquired : WindowLease.Rejected(resetIn), counted);
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
                ? (Acquire(key, limit), null)
                : (WindowLease.Rejected(TimeSpan.FromSeconds(1)), new LimitSnapshot(limit, 0, _time.GetUtcNow() + TimeSpan.FromSeconds(1)));
        }
    }

    public void Dispose() => _local.Dispose();

    /// <summary>A decision made in Redis, carried to the middleware; 429 answers get Retry-After from it.</summary>
    private sealed class WindowLease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static WindowLease Acquired { get; } = new(true, null);

        public static WindowLease Rejected(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = retryAfter;
            return retryAfter is not null && metadataName == MetadataName.RetryAfter.Name;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Redis is unreachable for rate limits; limits fall back to {Fallback} until it is back ({ExceptionType}).")]
        public static partial void Unreachable(ILogger logger, string fallback, string exceptionType);
    }
}
