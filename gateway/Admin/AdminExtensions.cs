using System.Text.Json;
using System.Text.Json.Serialization;
using AdminUi;
using AdminUi.Pages;
using Gateway.Admin.Api;
using Gateway.Hosting;
using Gateway.Sessions;
using Gateway.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

public static class AdminExtensions
{
    /// <summary>
    /// Staff sign-in (cookie: HttpOnly, Secure, SameSite=Strict, <c>__Host-</c>, backed by a server session), admin
    /// API keys, the read/write policies and antiforgery.
    /// </summary>
    public static WebApplicationBuilder AddGatewayAdmin(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The UI's CSS/JS come from the admin-ui library: served from its build output when run from a
        // build (demo, tests), from wwwroot when published. A no-op where there is no build manifest.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddAuthentication()
            .AddCookie(AdminAuth.CookieScheme, cookie =>
            {
                cookie.Cookie.Name = AdminAuth.CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.Path = "/";
                cookie.LoginPath = "/signin";
                cookie.LogoutPath = "/signout";
                cookie.AccessDeniedPath = "/denied";
                cookie.Events = StaffCookieEvents.Create();
            })
            .AddScheme<AuthenticationSchemeOptions, AdminKeyAuthenticationHandler>(AdminAuth.KeyScheme, configureOptions: null)
            .AddPolicyScheme(AdminAuth.Scheme, "Staff cookie or admin API key", policy =>
                policy.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 ? AdminAuth.KeyScheme : AdminAuth.CookieScheme);

        // Every staff sign-in is a server session (its lifetime and idle timeout set there): ended at sign-out, and
        // whenever the account is reset, disabled, deleted or changes role, on every instance.
        builder.Services.AddSessionCookie(AdminAuth.CookieScheme, services =>
        {
            var staff = services.GetRequiredService<IOptions<StaffOptions>>().Value;
            return new SessionCookiePolicy(SessionSubject.StaffKind, AdminAuth.StaffIdClaim, new SessionLifetime(staff.SessionIdleTimeout, staff.SessionLifetime));
        });
        builder.AddGatewaySessionPurge();

        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(AdminAuth.ReadPolicy, policy => policy
                .AddAuthenticationSchemes(AdminAuth.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(StaffRoles.Admin, StaffRoles.Auditor))
            .AddPolicy(AdminAuth.WritePolicy, policy => policy
                .AddAuthenticationSchemes(AdminAuth.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(StaffRoles.Admin));

        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "__Host-gateway-antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.ConfigureHttpJsonOptions(json =>
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower)));
        builder.Services.AddExceptionHandler<ValidationExceptionHandler>();
        // Let binding failures reach ValidationExceptionHandler, which names the field; they are the
        // caller's mistakes, not the server's, so they are not logged as errors.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        builder.Services.Configure<ExceptionHandlerOptions>(handler =>
            handler.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException or Gateway.Tokens.TokenValidationException);
        builder.Services.AddGatewayAdminUi();
        // Sign-in posts (passwords and MFA codes) per client address, on top of the per-account lockout.
        builder.Services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.AddPolicy<string, SignInRateLimitPolicy>(SignInModel.RateLimitPolicy);
        });
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(tempData =>
        {
            // TempData carries a new token's plaintext to the page that shows it once.
            tempData.Cookie.Name = "__Host-gateway-tempdata";
            tempData.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            tempData.Cookie.SameSite = SameSiteMode.Strict;
            tempData.Cookie.HttpOnly = true;
        });
        return builder;
    }

    /// <summary>Security headers on every answer of the admin listener.</summary>
    public static WebApplication UseGatewayAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => Listener.Of(context).IsAdmin, admin => admin.UseMiddleware<SecurityHeadersMiddleware>());
        return app;
    }

    /// <summary>The admin API under <c>/admin/api/v1</c>, on the admin listener only.</summary>
    public static WebApplication MapGatewayAdmin(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/admin/api/v1")
            .RequireAuthorization(AdminAuth.ReadPolicy)
            .AddEndpointFilter<CookieAntiforgeryFilter>()
            .WithMetadata(new ListenerMetadata(Listener.AdminName));
        api.MapTokensApi();
        api.MapRolesApi();
        api.MapAdminKeysApi();
        api.MapClientsApi();
        api.MapAuditApi();

        // One set of Razor Pages and static files for both UIs: each endpoint answers on its own listener only — the
        // portal's (under /client/) on the public one, everything else on the admin one.
        var admin = new ListenerMetadata(Listener.AdminName);
        var publicListener = new ListenerMetadata(Listener.PublicName);
        app.MapStaticAssets().Add(endpoint => endpoint.Metadata.Add(IsPortal(endpoint) ? publicListener : admin));
        app.MapGatewayAdminUi().Add(endpoint => endpoint.Metadata.Add(IsPortal(endpoint) ? publicListener : admin));
        return app;
    }

    /// <summary>True for the client portal's pages and assets (routes under <c>client/</c>).</summary>
    private static bool IsPortal(EndpointBuilder endpoint) =>
        endpoint is RouteEndpointBuilder { RoutePattern.RawText: { } route }
        && route.TrimStart('/').StartsWith(Portal.PortalPaths.Root.TrimStart('/') + "/", StringComparison.OrdinalIgnoreCase)
        || endpoint is RouteEndpointBuilder { RoutePattern.RawText: "/client" or "client" };
}
