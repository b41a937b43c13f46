using System.Collections.Concurrent;
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
    private readonly ConcurrentDictionary<(long TokenId, int Limit), LimitSnapshot> _seen = new();
    private readonly ITimer? _sweeper;
    private long _fallbacks;

    public TokenRateLimiter(IOptions<RateLimitingOptions> options, TimeProvider time, ILogger<TokenRateLimiter> logger, RedisWindowCounter redis)
    {
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
        if (settings.Store == RateLimitStore.Redis)
        {
            _redis = redis;
            _sweeper = time.CreateTimer(_ => Sweep(), null, _window, _window);
        }
    }

    public int DefaultLimit { get; }

    /// <summary>True when windows are counted in Redis: acquiring then needs a round trip (<see cref="AcquireAsync"/>).</summary>
    public bool IsDistributed => _redis is not null;

    /// <summary>Requests counted locally because Redis could not be reached, since start.</summary>
    public long Fallbacks => Interlocked.Read(ref _fallbacks);

    /// <summary>Takes one permit from this process's window (the local store, or the Redis fallback).</summary>
    public RateLimitLease Acquire(long tokenId, int limit) => _local.Acquire((tokenId, limit), limit);

    /// <summary>Takes one permit from the token's window wherever it is kept; never throws for an unreachable Redis.</summary>
    public async ValueTask<RateLimitLease> AcquireAsync(long tokenId, int limit, CancellationToken cancellationToken)
    {
        if (_redis is null)
        {
            return Acquire(tokenId, limit);
        }

        try
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"rl:{tokenId}:{limit}");
            var (count, resetIn) = await _redis.HitAsync(key, _window).WaitAsync(cancellationToken);
            var remaining = (int)Math.Clamp(limit - count, 0, limit);
            _seen[(tokenId, limit)] = new LimitSnapshot(limit, remaining, _time.GetUtcNow() + resetIn);
            return count <= limit ? WindowLease.Acquired : WindowLease.Rejected(resetIn);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            Interlocked.Increment(ref _fallbacks);
            if (_warning.TryEnter())
            {
                Log.Unreachable(_logger, _fallback.ToString(), ex.GetType().Name);
            }

            _seen.TryRemove((tokenId, limit), out _);
            return _fallback == RedisFallback.Local ? Acquire(tokenId, limit) : WindowLease.Rejected(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>The window as this instance last saw it, for the <c>X-RateLimit-*</c> headers.</summary>
    public LimitSnapshot Snapshot(long tokenId, int limit) =>
        _redis is not null && _seen.TryGetValue((tokenId, limit), out var seen) && seen.Reset > _time.GetUtcNow()
            ? seen
            : _local.Snapshot((tokenId, limit), limit);

    public void Dispose()
    {
        _sweeper?.Dispose();
        _local.Dispose();
    }

    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var (key, seen) in _seen)
        {
            if (seen.Reset <= now)
            {
                _seen.TryRemove(new KeyValuePair<(long, int), LimitSnapshot>(key, seen));
            }
        }
    }

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
