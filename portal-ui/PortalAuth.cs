using System.Security.Claims;

namespace PortalUi;

/// <summary>Names of the portal's authentication schemes, policy, claims and the items of a pending re-authenticated action.</summary>
public static class PortalAuth
{
    /// <summary>The portal's own session cookie (never the staff one).</summary>
    public const string CookieScheme = "PortalCookie";

    /// <summary>The billing system's OpenID Connect provider.</summary>
    public const string OidcScheme = "PortalOidc";

    /// <summary>Signed in to the portal as a billing client.</summary>
    public const string Policy = "portal:client";

    public const string CookieName = "__Host-gateway-portal";

    /// <summary>The billing client id of the signed-in principal (taken from the provider's configured claim).</summary>
    public const string ClientIdClaim = "client_id";

    public const string CallbackPath = "/client/signin-oidc";
    public const string SignedOutCallbackPath = "/client/signed-out";
    public const string HomePath = "/client/api-tokens";
    public const string SignInPath = "/client/signin";

    /// <summary>How recent the password re-entry must be for a revocation to go ahead (issue 12 item 4).</summary>
    public static readonly TimeSpan ReauthenticationWindow = TimeSpan.FromMinutes(5);

    /// <summary>The client id of a portal principal, or null when it carries none.</summary>
    public static long? ClientId(ClaimsPrincipal user) =>
        long.TryParse(user?.FindFirst(ClientIdClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;
}
