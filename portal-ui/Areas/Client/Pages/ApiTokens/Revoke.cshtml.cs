using Gateway.Clients;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication;

namespace PortalUi.Areas.Client.Pages.ApiTokens;

/// <summary>
/// Revoking asks for the client's password again (seed 000), at the provider, never here: the post sends the client
/// there with <c>prompt=login</c> and <c>max_age=0</c>, carrying the revocation only in the sealed challenge state.
/// The token is revoked when the provider's answer shows a sign-in under 5 minutes old (see the portal's OIDC events).
/// </summary>
public sealed class RevokeModel(ClientTokenService tokens, TimeProvider time) : PortalPageModel(tokens)
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    public TokenView Token { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } stop)
        {
            return stop;
        }

        return await Reauthentication.ChallengeAsync(HttpContext, new PendingAction(PendingAction.Revoke, ClientId, Id, time.GetUtcNow()));
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await LoadClientAsync() is { } refused)
        {
            return refused;
        }

        if (await Tokens.GetAsync(ClientId, Id, HttpContext.RequestAborted) is not { } token)
        {
            return NotFound();
        }

        Token = token;
        return null;
    }
}
