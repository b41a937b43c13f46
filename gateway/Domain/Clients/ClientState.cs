namespace Gateway.Clients;

/// <summary>A client's standing as the billing system reports it.</summary>
public enum ClientState
{
    /// <summary>Tokens work; the portal is open (if the policy allows it).</summary>
    Active,

    /// <summary>Every token answers 401 (audit reason <c>client_suspended</c>) until resumed; the portal says so.</summary>
    Suspended,

    /// <summary>Every token revoked (reason <c>client_closed</c>); no new ones; the portal refuses the client.</summary>
    Closed,
}
