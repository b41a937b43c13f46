using Microsoft.AspNetCore.Authentication;

namespace PortalUi.Areas.Client.Pages;

/// <summary>
/// Sends the client to the billing system's sign-in (authorization code + PKCE). The gateway never sees a password.
/// When the provider cannot be reached (discovery fails), the client gets the 503 page instead of an error.
/// </summary>
public sealed class SignInModel : PageModel
{
    public async Task<IActionResult> OnGetAsync()
    {
        if (PortalAuth.ClientId(User) is not null)
        {
            return Redirect(PortalAuth.HomePath);
        }

        try
        {
            await HttpContext.ChallengeAsync(PortalAuth.OidcScheme, new AuthenticationProperties { RedirectUri = PortalAuth.HomePath });
            return new EmptyResult();
        }
        catch (Exception ex) when (PortalFaults.IsProviderUnavailable(ex))
        {
            return Redirect(PortalProblem.PathFor(PortalProblem.Unavailable));
        }
    }
}
