namespace Gateway.Data;

/// <summary>An admin API key (<c>opt_admin_…</c>), stored as SHA-256 like client tokens, never usable on the public listener.</summary>
public sealed class AdminApiKey
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public required byte[] KeyHash { get; set; }

    public required string Hint { get; set; }

    /// <summary><c>admin</c> or <c>auditor</c>.</summary>
    public required string Role { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public DateTime? LastUsedAt { get; set; }
}
