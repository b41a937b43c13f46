using Gateway.Clients;
using Gateway.Tokens;

namespace PortalUi.Areas.Client.Pages.ApiTokens;

/// <summary>Revoke all of the client's tokens, after the password is entered again at the provider (as <see cref="RevokeModel"/>).</summary>
public sealed class RevokeAllModel(ClientTokenService tokens, TimeProvider time) : PortalPageModel(tokens)
{
    public int LiveCount { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } stop)
        {
            return stop;
        }

        return await Reauthentication.ChallengeAsync(HttpContext, new PendingAction(PendingAction.RevokeAll, ClientId, null, time.GetUtcNow()));
    }

    private async Task<IActionResult?> LoadAsync()
    {
        if (await LoadClientAsync() is { } refused)
        {
            return refused;
        }

        LiveCount = (await Tokens.ListAsync(ClientId, HttpContext.RequestAborted)).Count(t => t.Status != TokenStatus.Revoked);
        return null;
    }
}
