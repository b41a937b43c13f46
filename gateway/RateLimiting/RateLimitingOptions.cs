using System.ComponentModel.DataAnnotations;

namespace Gateway.RateLimiting;

/// <summary>Where the per-token windows are counted.</summary>
public enum RateLimitStore
{
    /// <summary>In this process: one instance, or limits per instance.</summary>
    Local,

    /// <summary>In Redis (<c>Gateway:Redis</c>): one limit per token across every instance.</summary>
    Redis,
}

/// <summary>What the per-token limit does while Redis cannot be reached.</summary>
public enum RedisFallback
{
    /// <summary>Count in this process meanwhile (each instance enforces the limit on its own) and warn once a minute.</summary>
    Local,

    /// <summary>Answer 429 with Retry-After until Redis is back: no request goes uncounted.</summary>
    Reject,
}

/// <summary>Settings under <c>Gateway:RateLimiting</c>.</summary>
public sealed class RateLimitingOptions
{
    public const string Section = "Gateway:RateLimiting";

    /// <summary>The policy name routes give as <c>RateLimiterPolicy</c> in yarp.json.</summary>
    public const string TokenPolicy = "per-token";

    /// <summary>Requests per minute per token, unless the token has its own limit.</summary>
    [Range(1, 1_000_000)]
    public int PermitsPerMinute { get; set; } = 120;

    /// <summary>Failed authentications per minute per client address before it is answered 429 without any store lookup.</summary>
    [Range(1, 1_000_000)]
    public int FailedAuthPerMinute { get; set; } = 30;

    /// <summary>
    /// Most client addresses (IPv6: /64 networks) tracked by the failed-authentication limiter, so a flood of distinct
    /// addresses cannot grow memory. When full, addresses still under their limit make room; if none is, a new address
    /// goes uncounted rather than share a window with others (<see cref="LimiterTable{TKey}"/>).
    /// </summary>
    [Range(100, 10_000_000)]
    public int MaxTrackedClients { get; set; } = 100_000;

    /// <summary>The window of both limiters; one minute unless a test shortens it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary><c>Local</c> (default) or <c>Redis</c>, which needs <c>Gateway:Redis:Configuration</c>.</summary>
    public RateLimitStore Store { get; set; } = RateLimitStore.Local;

    /// <summary>With <see cref="Store"/> = Redis and Redis unreachable: <c>Local</c> (default) or <c>Reject</c>. Never a 5xx.</summary>
    public RedisFallback RedisFallback { get; set; } = RedisFallback.Local;
}
