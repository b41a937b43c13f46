namespace Gateway.Tokens;

/// <summary>What staff (or a client, in the portal) ask for when creating a token; validated by <see cref="TokenSpecValidator"/>.</summary>
public sealed record TokenSpec
{
    public long ClientId { get; init; }

    public string Name { get; init; } = "";

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Names of roles whose scopes the token also holds.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public IReadOnlyList<string> AllowedIps { get; init; } = [];

    /// <summary>
    /// The last valid day. Null takes the default (today + 1 year, or sooner when a maximum lifetime says so),
    /// unless <see cref="NeverExpires"/> asks for no expiry.
    /// </summary>
    public DateOnly? ExpiresOn { get; init; }

    /// <summary>No expiry date at all; refused where a maximum lifetime applies.</summary>
    public bool NeverExpires { get; init; }

    public int? RateLimitPerMinute { get; init; }
}
