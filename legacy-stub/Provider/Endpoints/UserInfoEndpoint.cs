using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LegacyStub.Provider.Endpoints;

/// <summary>The userinfo endpoint: the client's current profile, limited to the scopes the access token carries.</summary>
internal static class UserInfoEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext context, AccountDirectory accounts)
    {
        var token = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        var account = accounts.FindBySubject(token.Principal?.GetClaim(Claims.Subject));
        if (token.Principal is not { } principal || account is null)
        {
            return ProtocolResults.Challenge(Errors.InvalidToken, "The access token's client can no longer sign in.");
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = account.Subject };
        if (principal.HasScope(Scopes.Email))
        {
            claims[Claims.Email] = account.Email;
            claims[Claims.EmailVerified] = true;
        }

        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = account.Name;
            claims[Claims.GivenName] = account.GivenName;
            claims[Claims.FamilyName] = account.FamilyName;
        }

        return Results.Json(claims);
    }
}
