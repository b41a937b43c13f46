namespace Gateway.Data;

/// <summary>
/// What the gateway keeps about a billing client (DESIGN §4): the policy staff set and the state the billing
/// system reports. A client without a row has the default policy and is active.
/// </summary>
public sealed class ClientAccount
{
    /// <summary>The billing system's client id (not generated here).</summary>
    public long ClientId { get; set; }

    public bool PortalAllowed { get; set; } = true;

    /// <summary>Scopes the client may grant its own tokens in the portal; null means every scope of the catalogue.</summary>
    public List<string>? PortalScopes { get; set; }

    /// <summary>Most live tokens the client may hold through the portal.</summary>
    public int MaxLiveTokens { get; set; } = Clients.ClientPolicy.DefaultMaxLiveTokens;

    /// <summary>Longest lifetime of a token of this client, in days; null means only the global maximum applies.</summary>
    public int? MaxLifetimeDays { get; set; }

    public Clients.ClientState State { get; set; }

    public DateTime? StateChangedAt { get; set; }

    public string? StateChangedBy { get; set; }

    public string? StateReason { get; set; }

    public DateTime UpdatedAt { get; set; }
}
