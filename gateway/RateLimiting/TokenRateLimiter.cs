using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.RateLimiting;

/// <summary>
/// Per-token request windows: <see cref="RateLimitingOptions.PermitsPerMinute"/>, or the token's own limit.
/// A changed limit starts a new window (the key includes the limit).
/// </summary>
public sealed class TokenRateLimiter(IOptions<RateLimitingOptions> options, TimeProvider time) : IDisposable
{
    // Bounded by the tokens active within a window; tokens are authenticated before they get here.
    private readonly LimiterTable<(long TokenId, int Limit)> _table = new(options.Value.Window, capacity: 10_000_000, time);

    public int DefaultLimit { get; } = options.Value.PermitsPerMinute;

    public RateLimitLease Acquire(long tokenId, int limit) => _table.Acquire((tokenId, limit), limit);

    public LimitSnapshot Snapshot(long tokenId, int limit) => _table.Snapshot((tokenId, limit), limit);

    public void Dispose() => _table.Dispose();
}
