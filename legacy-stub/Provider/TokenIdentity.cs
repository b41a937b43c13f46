using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LegacyStub.Provider;

/// <summary>The identity OpenIddict turns into the code, the id_token and the access token, and where each claim goes.</summary>
internal static class TokenIdentity
{
    public static ClaimsPrincipal Create(ClientAccount account, DateTimeOffset authTime, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, account.Subject)
            .SetClaim(Claims.Email, account.Email)
            .SetClaim(Claims.EmailVerified, true)
            .SetClaim(Claims.Name, account.Name)
            .SetClaim(Claims.GivenName, account.GivenName)
            .SetClaim(Claims.FamilyName, account.FamilyName)
            .SetClaim(Claims.AuthenticationTime, authTime.ToUnixTimeSeconds());
        identity.SetScopes(scopes);
        identity.SetDestinations(Destinations);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Sets the destinations again on a principal read back from an authorization code.</summary>
    public static ClaimsPrincipal Reissue(ClaimsPrincipal fromCode)
    {
        ArgumentNullException.ThrowIfNull(fromCode);
        var identity = new ClaimsIdentity(fromCode.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetDestinations(Destinations);
        return new ClaimsPrincipal(identity);
    }

    // Profile and e-mail claims only reach a client that asked for (and was allowed) those scopes;
    // auth_time belongs in the id_token alone, where the relying party checks max_age against it.
    private static IEnumerable<string> Destinations(Claim claim) => claim.Type switch
    {
        Claims.Subject => [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Email or Claims.EmailVerified when claim.Subject!.HasScope(Scopes.Email) =>
            [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.Name or Claims.GivenName or Claims.FamilyName when claim.Subject!.HasScope(Scopes.Profile) =>
            [OpenIddictConstants.Destinations.AccessToken, OpenIddictConstants.Destinations.IdentityToken],
        Claims.AuthenticationTime => [OpenIddictConstants.Destinations.IdentityToken],
        _ => [],
    };
}
