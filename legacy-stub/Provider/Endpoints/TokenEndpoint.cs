using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LegacyStub.Provider.Endpoints;

/// <summary>
/// The token endpoint, reached once OpenIddict has authenticated the client, checked the PKCE verifier and
/// redeemed the code (a second use is refused). Tokens go out only while the client can still sign in.
/// </summary>
internal static class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, AccountDirectory accounts)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not hand over the token request.");
        if (!request.IsAuthorizationCodeGrantType())
        {
            // OpenIddict refuses every other grant before this point; this keeps a later option from slipping through.
            return ProtocolResults.Refuse(Errors.UnsupportedGrantType, "Only the authorization code grant is supported.");
        }

        var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        if (code.Principal is not { } principal || accounts.FindBySubject(principal.GetClaim(Claims.Subject)) is null)
        {
            return ProtocolResults.Refuse(Errors.InvalidGrant, "The client of this code can no longer sign in.");
        }

        return ProtocolResults.Issue(TokenIdentity.Reissue(principal));
    }
}
