namespace Gateway.Data;

/// <summary>An admin API key (<c>opt_admin_…</c>), stored as SHA-256 like client tokens, never usable on the public listener.</summary>
public sealed class AdminApiKey
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required byte[] KeyHash { get; set; }

    public required string Hint { get; set; }

    /// <summary><c>admin</c> or <c>auditor</c>; the key never does more than its owner's role allows.</summary>
    public required string Role { get; set; }

    /// <summary>The staff account the key belongs to: it works only while that account is enabled. Null only on revoked keys whose owner was deleted.</summary>
    public long? OwnerId { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
