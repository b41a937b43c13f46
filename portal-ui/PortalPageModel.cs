using Gateway.Clients;

namespace PortalUi;

/// <summary>A portal page: the signed-in client's id, and its standing (policy and state) loaded once per request.</summary>
public abstract class PortalPageModel(ClientTokenService tokens) : PageModel
{
    protected ClientTokenService Tokens { get; } = tokens;

    /// <summary>The signed-in client (the portal policy guarantees the claim).</summary>
    public long ClientId => PortalAuth.ClientId(User) ?? throw new InvalidOperationException("The portal policy admits only principals with a client id.");

    public ClientView Client { get; private set; } = null!;

    /// <summary>Loads the client's standing; a client the portal is closed to gets the refusal page instead.</summary>
    protected async Task<IActionResult?> LoadClientAsync()
    {
        Client = await Tokens.AccessAsync(ClientId, HttpContext.RequestAborted);
        return Client.State == ClientState.Closed || !Client.Policy.PortalAllowed ? PortalProblem.Refused() : null;
    }

    public bool Suspended => Client.State == ClientState.Suspended;
}
