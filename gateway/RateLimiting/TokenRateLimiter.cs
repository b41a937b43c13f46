using System.Globalization;
using Gateway.Cluster;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Per-token fixed windows (DESIGN §2: the rate limiter): <see cref="RateLimitingOptions.PermitsPerMinute"/>, or the token's own
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
        _windows = new SharedWindows<(long TokenId, int Limit)>(
            settings.Window,
            localCapacity: 10_000_000,
            settings.Store == RateLimitStore.Redis ? redis : null,
            static key => string.Create(CultureInfo.InvariantCulture, $"rl:{key.TokenId}:{key.Limit}"),
            redisOptions.Value.OperationTimeout,
            settings.RedisFallback,
            time,
            logger);
    }

    public int DefaultLimit { get; }

    /// <summary>Requests counted locally because Redis could not be used, since start.</summary>
    public long Fallbacks => _windows.Fallbacks;

    /// <summary>
    /// Takes one permit from the token's window wherever it is kept. The lease carries the window as this request
    /// counted it (<see cref="WindowLease.WindowName"/>) and, when refused, when to retry. Never throws for Redis:
    /// unreachable, slow or failing, the configured fallback applies.
    /// </summary>
    public ValueTask<WindowLease> AcquireAsync(long tokenId, int limit, CancellationToken cancellationToken) =>
        _windows.AcquireAsync((tokenId, limit), limit, cancellationToken);

    public void Dispose() => _windows.Dispose();
}
