using System.Globalization;
using System.Threading.RateLimiting;
using Gateway.Cluster;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Per-token fixed windows (DESIGN §2 step 6): <see cref="RateLimitingOptions.PermitsPerMinute"/>, or the token's own
/// limit; a changed limit starts a new window (the key includes the limit). With <see cref="RateLimitStore.Local"/>
/// they live in this process; with <see cref="RateLimitStore.Redis"/> every instance counts in the same Redis window,
/// and while Redis cannot be used the configured <see cref="RedisFallback"/> applies (never an error answer).
/// </summary>
public sealed class TokenRateLimiter : IDisposable
{
    private readonly SharedWindows<(long TokenId, int Limit)> _windows;

    public TokenRateLimiter(IOptions<RateLimitingOptions> options, TimeProvider time, ILogger<TokenRateLimiter> logger, RedisWindowCounter redis, IOptions<RedisOptions> redisOptions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redisOptions);
        var settings = options.Value;
        DefaultLimit = settings.PermitsPerMinute;
        // Bounded by the tokens active within a window; tokens are authenticated before they get here.
        _windows = new SharedWindows<(long, int)>(
            settings.Window,
            localCapacity: 10_000_000,
            settings.Store == RateLimitStore.Redis ? redis : null,
            redisOptions.Value.OperationTimeout,
            settings.RedisFallback,
            time,
            logger);
    }

    public int DefaultLimit { get; }

    /// <summary>True when windows are counted in Redis: acquiring then needs a round trip (<see cref="AcquireAsync"/>).</summary>
    public bool IsDistributed => _windows.IsDistributed;

    /// <summary>Requests counted locally because Redis could not be used, since start.</summary>
    public long Fallbacks => _windows.Fallbacks;

    /// <summary>Takes one permit from this process's window (the local store, or the Redis fallback).</summary>
    public RateLimitLease Acquire(long tokenId, int limit) => _windows.Acquire((tokenId, limit), limit);

    /// <summary>
    /// Takes one permit from the token's window wherever it is kept, and notes on <paramref name="counted"/> what
    /// this request's headers must say. Never throws for Redis: unreachable, slow or failing, the fallback applies.
    /// </summary>
    public async ValueTask<RateLimitLease> AcquireAsync(long tokenId, int limit, RateLimitFeature? counted, CancellationToken cancellationToken)
    {
        var (lease, window) = await _windows.AcquireAsync((tokenId, limit), string.Create(CultureInfo.InvariantCulture, $"rl:{tokenId}:{limit}"), limit, cancellationToken);
        if (window is not null)
        {
            counted?.Counted = window;
        }

        return lease;
    }

    /// <summary>This process's window for the token (the local store, or the Redis fallback), for the <c>X-RateLimit-*</c> headers.</summary>
    public LimitSnapshot Snapshot(long tokenId, int limit) => _windows.Snapshot((tokenId, limit), limit);

    public void Dispose() => _windows.Dispose();
}
