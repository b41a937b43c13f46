namespace Gateway.Tokens;

/// <summary>
/// The immutable snapshot of a token that the request path works with: read from the store by the
/// <see cref="TokenCache"/>, with role scopes already merged in.
/// </summary>
public sealed record TokenIdentity
{
    public long TokenId { get; init; }

    public long ClientId { get; init; }

    /// <summary>The token's own scopes and those of its roles.</summary>
    public IReadOnlySet<string> GrantedScopes { get; init; } = new HashSet<string>();

    public IpAllowlist AllowedIps { get; init; } = IpAllowlist.Any;

    public DateOnly? ExpiresOn { get; init; }

    public DateTime? RevokedAt { get; init; }

    public int? RateLimitPerMinute { get; init; }

    /// <summary>The state of the token's client when it was read: only <see cref="Clients.ClientState.Active"/> authenticates.</summary>
    public Clients.ClientState ClientState { get; init; }
}
