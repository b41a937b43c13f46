using Gateway.Audit;
using Microsoft.AspNetCore.Authentication;

namespace PortalUi.Areas.Client.Pages;

/// <summary>
/// Ends the portal session (server-side, on every instance), then asks the provider to end its own (RP-initiated
/// logout) so the next person at this browser is asked for a password. Without the provider, the local sign-out stands.
/// </summary>
public sealed class SignOutModel(IStaffAuditLog audit) : PageModel
{
    public IActionResult OnGet() => PortalAuth.ClientId(User) is null ? Page() : Redirect(PortalAuth.HomePath);

    public async Task<IActionResult> OnPostAsync()
    {
        if (PortalAuth.ClientId(User) is not { } client)
        {
            return Page();
        }

        await HttpContext.SignOutAsync(PortalAuth.CookieScheme);
        audit.Record(new StaffAction("portal.sign_out", $"client:{client}", $"client:{client}"));
        try
        {
            await HttpContext.SignOutAsync(PortalAuth.OidcScheme, new AuthenticationProperties { RedirectUri = "/client/signout" });
            return new EmptyResult();
        }
        catch (Exception ex) when (PortalFaults.IsProviderUnavailable(ex))
        {
            return Page();
        }
    }
}
