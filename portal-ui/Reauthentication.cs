using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace PortalUi;

/// <summary>Sends the client back to the provider to enter its password again, carrying a <see cref="PendingAction"/>.</summary>
public static class Reauthentication
{
    public static async Task<IActionResult> ChallengeAsync(HttpContext context, PendingAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        // prompt=login makes the provider ask for the password whatever session it has; max_age=0 makes it say when
        // (auth_time), which the callback checks: a provider that ignored prompt=login cannot slip an old sign-in through.
        var properties = new OpenIdConnectChallengeProperties
        {
            RedirectUri = PortalAuth.HomePath,
            Prompt = "login",
            MaxAge = TimeSpan.Zero,
        };
        action.WriteTo(properties);
        try
        {
            await context.ChallengeAsync(PortalAuth.OidcScheme, properties);
            return new EmptyResult();
        }
        catch (Exception ex) when (PortalFaults.IsProviderUnavailable(ex))
        {
            return new RedirectResult(PortalProblem.PathFor(PortalProblem.Unavailable));
        }
    }
}
