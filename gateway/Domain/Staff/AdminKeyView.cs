namespace Gateway.Staff;

/// <summary>An admin API key as shown (never the key or its hash).</summary>
public sealed record AdminKeyView
{
    public long Id { get; init; }

    public required string Name { get; init; }

    public required string Hint { get; init; }

    public required string Role { get; init; }

    public long? OwnerId { get; init; }

    /// <summary>The staff account the key belongs to (null only for a revoked key whose owner was deleted).</summary>
    public string? Owner { get; init; }

    public DateTime CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    public DateTime? RevokedAt { get; init; }

    public DateTime? LastUsedAt { get; init; }
}
