namespace Gateway.Clients;

/// <summary>A client as staff (and the portal) see it: its policy, its state and its token counts.</summary>
public sealed record ClientView
{
    public long ClientId { get; init; }

    public ClientState State { get; init; }

    public DateTime? StateChangedAt { get; init; }

    public string? StateChangedBy { get; init; }

    public string? StateReason { get; init; }

    public required ClientPolicy Policy { get; init; }

    /// <summary>The scopes the client may grant in the portal, resolved against the catalogue.</summary>
    public IReadOnlyList<string> GrantableScopes { get; init; } = [];

    public int LiveTokens { get; init; }

    /// <summary>False while the gateway holds no record (default policy, active, never changed).</summary>
    public bool Stored { get; init; }
}
