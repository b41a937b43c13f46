using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using PortalUi;

namespace Gateway.Portal;

/// <summary>
/// The OpenID Connect relying party as issue 12 asks: authorization code with PKCE, discovery from the authority, the
/// library's state, nonce, issuer, signature (never <c>alg: none</c>) and lifetime checks; the answer comes back as a
/// query (a top-level GET, so the Lax session cookie comes along). Read from <see cref="PortalOptions"/> when first used.
/// </summary>
internal sealed class PortalOidcSetup(IOptions<PortalOptions> portal) : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(string? name, OpenIdConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != PortalAuth.OidcScheme)
        {
            return;
        }

        var settings = portal.Value;
        options.SignInScheme = PortalAuth.CookieScheme;
        options.SignOutScheme = PortalAuth.CookieScheme;
        options.CallbackPath = PortalAuth.CallbackPath;
        options.SignedOutCallbackPath = PortalAuth.SignedOutCallbackPath;
        options.SignedOutRedirectUri = "/client/signout";
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        options.Scope.Add("openid");
        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = false;
        // The id token is kept (inside the encrypted session cookie) only as the hint for RP-initiated sign-out.
        options.SaveTokens = true;
        options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
        options.RemoteAuthenticationTimeout = TimeSpan.FromMinutes(10);
        // After a failed discovery the library waits this long before asking again: short, so the portal is back within
        // seconds of the provider (the default, 5 minutes, would keep showing the 503 page that long).
        options.RefreshInterval = TimeSpan.FromSeconds(10);
        options.TokenValidationParameters.NameClaimType = settings.ClientIdClaim;
        options.EventsType = typeof(PortalOidcEvents);
        // The correlation and nonce cookies as the session's: __Host- names need Path=/.
        options.CorrelationCookie.Name = "__Host-portal-correlation.";
        options.CorrelationCookie.Path = "/";
        options.NonceCookie.Name = "__Host-portal-nonce.";
        options.NonceCookie.Path = "/";
        if (!settings.IsEnabled)
        {
            // Off: never fetched (the guard answers 404 for /client), but the handler's options must still validate.
            options.Configuration = new OpenIdConnectConfiguration();
            options.ClientId = "portal-disabled";
            return;
        }

        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        if (settings.ProviderCertificate is { Length: > 0 } path)
        {
            options.BackchannelHttpHandler = PinnedCertificateHandler(path);
        }
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);

    /// <summary>
    /// A back channel that also trusts the provider's own certificate (a private billing system's self-signed one), read
    /// from its file again whenever the file changes, so a renewed certificate is picked up without a restart.
    /// </summary>
    private static HttpClientHandler PinnedCertificateHandler(string path)
    {
        var pinned = new PinnedCertificate(path);
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None || pinned.Matches(certificate),
        };
    }
}
