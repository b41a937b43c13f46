namespace Gateway.Tokens;

/// <summary>What staff ask for when creating a token; validated by <see cref="TokenSpecValidator"/>.</summary>
public sealed record TokenSpec
{
    public long ClientId { get; init; }

    public string Name { get; init; } = "";

    public IReadOnlyList<string> Scopes { get; init; } = [];

    /// <summary>Names of roles whose scopes the token also holds.</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];

    public IReadOnlyList<string> AllowedIps { get; init; } = [];

    public DateOnly? ExpiresOn { get; init; }

    public int? RateLimitPerMinute { get; init; }
}
