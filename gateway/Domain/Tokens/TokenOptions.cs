using System.ComponentModel.DataAnnotations;

namespace Gateway.Tokens;

/// <summary>Settings under <c>Gateway:Tokens</c>.</summary>
public sealed class TokenOptions
{
    public const string Section = "Gateway:Tokens";

    /// <summary>Prefix of every client token; lower-case letters, digits and underscores, ending in an underscore.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9_]{0,30}_$", ErrorMessage = "Gateway:Tokens:Prefix must be lower-case letters, digits and underscores, ending with '_' (e.g. opt_live_).")]
    public string Prefix { get; set; } = "opt_live_";

    /// <summary>Revoke a valid token that arrives over plain HTTP (it has been exposed on the wire).</summary>
    public bool RevokeOnPlainHttp { get; set; } = true;

    /// <summary>How old a cached validation may be before the store is asked again (bounds cross-process revocation delay).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Gateway:Tokens:CacheRevalidateAfter must be between 50 ms and 1 minute.")]
    public TimeSpan CacheRevalidateAfter { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound on cached token lookups (positive and negative), so a flood of random tokens cannot grow memory.</summary>
    [Range(1_000, 10_000_000)]
    public int CacheSizeLimit { get; set; } = 200_000;

    /// <summary>A token whose expiry is this close counts as "expiring soon".</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan ExpiringSoonWindow { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// The longest any token may live, in days from the day it is created or its expiry is changed, on every path
    /// (UI, API, CLI, portal); unset means no global maximum. A client's own maximum (its policy) can only be shorter.
    /// </summary>
    [Range(1, Clients.ClientPolicy.MaxLifetimeDaysLimit, ErrorMessage = "Gateway:Tokens:MaxLifetimeDays must be a number of days between 1 and 3660, or unset for no maximum.")]
    public int? MaxLifetimeDays { get; set; }
}
