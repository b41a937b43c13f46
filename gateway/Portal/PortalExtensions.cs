using Gateway.Hosting;
using Gateway.Sessions;
using Gateway.Settings;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PortalUi;

namespace Gateway.Portal;

public static class PortalExtensions
{
    /// <summary>
    /// The client portal (issue 12): Razor Pages under <c>/client/</c> on the public listener, signed in through the billing
    /// system's OpenID Connect provider (code + PKCE), kept as a server session in its own <c>__Host-</c> cookie
    /// (SameSite=Lax, which the provider's redirect back needs; 30 min idle, 12 h absolute), actions rate limited per
    /// client and per address. Everything is registered always and reads <see cref="PortalOptions"/> when first used,
    /// so the portal is on exactly when <c>Gateway:Portal:Authority</c> is set, however late configuration arrives.
    /// </summary>
    public static WebApplicationBuilder AddGatewayPortal(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<PortalOptions>().BindSettings(PortalOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddGatewayPortalUi(page =>
        {
            page.EndpointMetadata.Add(new ListenerMetadata(Listener.PublicName));
            page.EndpointMetadata.Add(new EnableRateLimitingAttribute(PortalRateLimitPolicy.Name));
        });

        builder.Services.AddAuthentication()
            .AddCookie(PortalAuth.CookieScheme, cookie =>
            {
                cookie.Cookie.Name = PortalAuth.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                // Lax, not Strict: the provider's redirect back (a top-level GET from another site) must carry it, so a
                // re-authentication can be matched to the session that asked for it.
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.Path = "/";
                cookie.LoginPath = PortalAuth.SignInPath;
                cookie.AccessDeniedPath = PortalProblem.PathFor(PortalProblem.Closed);
                cookie.ReturnUrlParameter = "return";
                cookie.Events = new CookieAuthenticationEvents();
            })
            .AddOpenIdConnect(PortalAuth.OidcScheme, _ => { });
        builder.Services.AddSingleton<IConfigureOptions<OpenIdConnectOptions>, PortalOidcSetup>();
        builder.Services.AddSingleton<PortalOidcEvents>();
        builder.Services.AddSessionCookie(PortalAuth.CookieScheme, services =>
        {
            var portal = services.GetRequiredService<IOptions<PortalOptions>>().Value;
            return new SessionCookiePolicy(SessionSubject.ClientKind, PortalAuth.ClientIdClaim, new SessionLifetime(portal.SessionIdleTimeout, portal.SessionLifetime));
        });

        builder.Services.AddAuthorizationBuilder().AddPolicy(PortalAuth.Policy, policy => policy
            .AddAuthenticationSchemes(PortalAuth.CookieScheme)
            .RequireAuthenticatedUser()
            .RequireClaim(PortalAuth.ClientIdClaim));
        builder.Services.AddRateLimiter(limits => limits.AddPolicy<string, PortalRateLimitPolicy>(PortalRateLimitPolicy.Name));
        return builder;
    }

    /// <summary>The portal's own headers (the staff UI's CSP, with the provider allowed as a form target), and 404 for all of it when off.</summary>
    public static WebApplication UseGatewayPortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(PortalPaths.IsPortalRequest, portal => portal.UseMiddleware<PortalGuardMiddleware>());
        return app;
    }
}
