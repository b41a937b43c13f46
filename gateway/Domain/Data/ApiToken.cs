namespace Gateway.Data;

/// <summary>A client API token as stored: never the token itself, only its SHA-256.</summary>
public sealed class ApiToken
{
    public long Id { get; set; }

    public long ClientId { get; set; }

    public required string Name { get; set; }

    /// <summary>SHA-256 of the whole token (unique).</summary>
    public required byte[] TokenHash { get; set; }

    /// <summary>The last characters of the token, for people to tell tokens apart.</summary>
    public required string Hint { get; set; }

    public List<string> Scopes { get; set; } = [];

    public List<Role> Roles { get; set; } = [];

    /// <summary>IPv4/IPv6 addresses or CIDR ranges; empty means any address.</summary>
    public List<string> AllowedIps { get; set; } = [];

    /// <summary>Last day of validity: the token works through 23:59:59 server time that day.</summary>
    public DateOnly? ExpiresOn { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>When the token stops working; may lie in the future while a roll's overlap runs.</summary>
    public DateTime? RevokedAt { get; set; }

    public string? RevokedBy { get; set; }

    public string? RevokeReason { get; set; }

    /// <summary>Why the token was revoked, as a code (<see cref="Gateway.Tokens.RevokeKinds"/>); null on tokens revoked before it was kept.</summary>
    public string? RevokeKind { get; set; }

    /// <summary>Where a leaked token was found (the URL a secret-scanning report gave); only for <c>leaked</c>.</summary>
    public string? LeakedUrl { get; set; }

    public DateTime? LastUsedAt { get; set; }

    public string? LastUsedIp { get; set; }

    /// <summary>Requests per minute for this token; null uses the configured default.</summary>
    public int? RateLimitPerMinute { get; set; }
}
