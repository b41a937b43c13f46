namespace Gateway.Clients;

/// <summary>What staff allow a client (DESIGN §4): the portal, the scopes it may grant, how many live tokens, how long.</summary>
public sealed record ClientPolicy
{
    public const int DefaultMaxLiveTokens = 20;
    public const int MaxMaxLiveTokens = 1_000;

    /// <summary>Longest per-client lifetime staff can set: ten years.</summary>
    public const int MaxLifetimeDaysLimit = 3_660;

    public bool PortalAllowed { get; init; } = true;

    /// <summary>Scopes the client may grant in the portal; null means every scope of the catalogue.</summary>
    public IReadOnlyList<string>? PortalScopes { get; init; }

    public int MaxLiveTokens { get; init; } = DefaultMaxLiveTokens;

    /// <summary>Longest lifetime of the client's tokens in days, on every path; null means the global maximum only.</summary>
    public int? MaxLifetimeDays { get; init; }

    public static ClientPolicy Default { get; } = new();
}
