using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using OpenIddict.Server.AspNetCore;

namespace LegacyStub.Provider.Endpoints;

/// <summary>Answers handed back to OpenIddict, which turns them into the protocol's redirects and JSON errors.</summary>
internal static class ProtocolResults
{
    private static readonly string[] Scheme = [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme];

    /// <summary>Issues a code (authorize) or tokens (token endpoint) for this principal.</summary>
    public static IResult Issue(ClaimsPrincipal principal) =>
        Results.SignIn(principal, properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);

    /// <summary>An OAuth error for the relying party (at authorize: a redirect to its redirect URI with error=…).</summary>
    public static IResult Refuse(string error, string description) =>
        Results.Forbid(Properties(error, description), Scheme);

    /// <summary>A bearer challenge (userinfo): 401 with the error in WWW-Authenticate.</summary>
    public static IResult Challenge(string error, string description) =>
        Results.Challenge(Properties(error, description), Scheme);

    /// <summary>Ends the protocol side of a sign-out: back to the validated post_logout_redirect_uri, else to <paramref name="fallback"/>.</summary>
    public static IResult SignedOut(string fallback) =>
        Results.SignOut(new AuthenticationProperties { RedirectUri = fallback }, Scheme);

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
