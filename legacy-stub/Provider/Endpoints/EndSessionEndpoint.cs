using LegacyStub.Provider.Pages;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LegacyStub.Provider.Endpoints;

/// <summary>
/// The end-session endpoint, reached once OpenIddict has validated post_logout_redirect_uri (registered for
/// the client) and id_token_hint. A hint naming the signed-in client ends the session at once, as a relying
/// party's sign-out expects; without one, a cross-site link could sign anyone out, so the client confirms.
/// </summary>
internal static class EndSessionEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, IAntiforgery antiforgery)
    {
        var session = await ProviderSession.ReadAsync(context);
        if (await FormFields.IsSubmissionAsync(context.Request))
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return SignOutPages.Confirm(context, antiforgery, StatusCodes.Status400BadRequest);
            }
        }
        else if (session is { } current)
        {
            var hint = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            if (hint.Principal?.GetClaim(Claims.Subject) != current.Subject)
            {
                return SignOutPages.Confirm(context, antiforgery);
            }
        }

        await ProviderSession.SignOutAsync(context);
        return ProtocolResults.SignedOut(ProviderRoutes.SignedOut);
    }
}
