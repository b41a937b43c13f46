using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Cluster;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.RateLimiting;

/// <summary>
/// Per-token fixed windows (DESIGN §2 step 6). With <see cref="RateLimitStore.Local"/> they live in this process;
/// with <see cref="RateLimitStore.Redis"/> every instance counts in the same Redis window, and while Redis cannot be
/// reached the configured <see cref="RedisFallback"/> applies (never an error answer).
/// </summary>
public sealed partial class TokenRateLimiter : IDisposable
{
    private readonly LimiterTable<(long TokenId, int Limit)> _local;
    private readonly RedisWindowCounter? _redis;
    private readonly RedisFallback _fallback;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly ILogger<TokenRateLimiter> _logger;
    private readonly OncePer _warning;
    private readonly TimeSpan _redisTimeout;
    private long _fallbacks;

    public TokenRateLimiter(IOptions<RateLimitingOptions> options, TimeProvider time, ILogger<TokenRateLimiter> logger, RedisWindowCounter redis, IOptions<RedisOptions> redisOptions)
    {
        ArgumentNullException.ThrowIfNull(redisOptions);
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _window = settings.Window;
        _time = time;
        _logger = logger;
        _fallback = settings.RedisFallback;
        _warning = new OncePer(TimeSpan.FromMinutes(1), time);
        DefaultLimit = settings.PermitsPerMinute;
        // Bounded by the tokens active within a window; tokens are authenticated before they get here.
        _local = new LimiterTable<(long, int)>(_window, capacity: 10_000_000, time);
        _redisTimeout = redisOptions.Value.OperationTimeout;
        if (settings.Store == RateLimitStore.Redis)
        {
            _redis = redis;
        }
    }

    public int DefaultLimit { get; }

    /// <summary>True when windows are counted in Redis: acquiring then needs a round trip (<see cref="AcquireAsync"/>).</summary>
    public bool IsDistributed => _redis is not null;

    /// <summary>Requests counted locally because Redis could not be reached, since start.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>Takes one permit from this process's window (the local store, or the Redis fallback).</summary>
    public RateLimitLease Acquire(long tokenId, int limit) => _local.Acquire((tokenId, limit), limit);

    /// <summary>
    /// Takes one permit from the token's window wherever it is kept, and notes on <paramref name="counted"/> what
    /// this request's headers must say. Never throws for Redis: unreachable, slow or failing, the fallback applies.
    /// </summary>
    public async ValueTask<RateLimitLease> AcquireAsync(long tokenId, int limit, RateLimitFeature? counted, CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return Acquire(tokenId, limit);
        }

        try
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"rl:{tokenId}:{limit}");
            // The client library checks its own timeout only once a second; this bounds the wait per request.
            var (count, resetIn) = await _redis.HitAsync(key, _window).WaitAsync(_redisTimeout, cancellationToken);
            var remaining = (int)Math.Clamp(limit - count, 0, limit);
            counted?.Counted = new LimitSnapshot(limit, remaining, _time.GetUtcNow() + resetIn);
            return count <= limit ? WindowLease.Acquired : WindowLease.Rejected(resetIn);
        }
#pragma warning disable CA1031 // Whatever Redis does, the request gets the stated fallback, never a 5xx.
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _fallbacks);
            if (_warning.TryEnter())
            {
                Log.Unreachable(_logger, _fallback.ToString(), ex.GetType().Name);
            }

            if (_fallback == RedisFallback.Local)
            {
                return Acquire(tokenId, limit);
            }

            counted?.Counted = new LimitSnapshot(limit, 0, _time.GetUtcNow() + TimeSpan.FromSeconds(1));
            return WindowLease.Rejected(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>This process's window for the token (the local store, or the Redis fallback), for the <c>X-RateLimit-*</c> headers.</summary>
    public LimitSnapshot Snapshot(long tokenId, int limit) => _local.Snapshot((tokenId, limit), limit);

    public void Dispose() => _local.Dispose();

    /// <summary>A decision made elsewhere (Redis), carried to the middleware; 429 answers get Retry-After from it.</summary>
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
        [LoggerMessage(1, LogLevel.Warning, "Redis is unreachable for rate limits; per-token limits fall back to {Fallback} until it is back ({ExceptionType}).")]
        public static partial void Unreachable(ILogger logger, string fallback, string exceptionType);
    }
}
