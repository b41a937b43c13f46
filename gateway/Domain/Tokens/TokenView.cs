namespace Gateway.Tokens;

/// <summary>A token as staff see it: everything but the secret and its hash.</summary>
public sealed record TokenView
{
    public long Id { get; init; }

    public long ClientId { get; init; }

    public required string Name { get; init; }

    public required string Hint { get; init; }

    public TokenStatus Status { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public IReadOnlyList<string> Roles { get; init; } = [];

    public IReadOnlyList<string> AllowedIps { get; init; } = [];

    public DateOnly? ExpiresOn { get; init; }

    public int? RateLimitPerMinute { get; init; }

    public DateTime CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTime UpdatedAt { get; init; }

    public DateTime? RevokedAt { get; init; }

    public string? RevokedBy { get; init; }

    public string? RevokeReason { get; init; }

    /// <summary>Why it was revoked: <c>revoked</c>, <c>rolled</c>, <c>exposed</c> or <c>leaked</c> (<see cref="RevokeKinds"/>).</summary>
    public string? RevokeKind { get; init; }

    /// <summary>Where a leaked token was found.</summary>
    public string? LeakedUrl { get; init; }

    public DateTime? LastUsedAt { get; init; }

    public string? LastUsedIp { get; init; }
}
