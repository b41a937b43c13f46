namespace Gateway.Clients;

/// <summary>The portal is not open to this client (not allowed, suspended or closed); nothing was changed.</summary>
public sealed class ClientAccessException(ClientView client)
    : Exception($"The portal is not open to client {client?.ClientId} ({client?.State}, portal {(client?.Policy.PortalAllowed == true ? "allowed" : "not allowed")}).")
{
    public ClientView Client { get; } = client ?? throw new ArgumentNullException(nameof(client));
}
