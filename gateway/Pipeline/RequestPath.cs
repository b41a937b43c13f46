using Gateway.Admin;
using Gateway.Audit;
using Gateway.Hosting;
using Gateway.Portal;
using Gateway.Proxy;
using Gateway.RateLimiting;
using Gateway.Usage;

namespace Gateway.Pipeline;

/// <summary>
/// The request path of DESIGN §2, every step in order, in this one file. Kestrel has already done TLS and tagged the
/// connection with its listener. Each public request gets one <see cref="RequestDecision"/> that the steps fill in;
/// every refusal goes through <see cref="Refusals"/>; when the answer is done, the audit event is built from the
/// record alone. The admin listener shares the framework's steps (routing, authorization) and has its own where
/// marked. docs/architecture.md maps each step to its file.
/// </summary>
public static class RequestPath
{
    public static WebApplication UseGatewayRequestPath(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // The decision record; when the answer is done: one audit event, the failed-auth count (liveness probes: neither).
        app.UseMiddleware<DecisionMiddleware>();
        // A fresh request id (never the client's) for the logs, the backend and the answer.
        app.UseMiddleware<RequestIdMiddleware>();
        // Forwarded headers: the client address from trusted proxies only.
        app.UseTrustedForwardedHeaders();
        // Nothing is served that the audit log could not record (a full disk: 503).
        app.UseMiddleware<AuditGuardMiddleware>();
        // HTTPS guard: plain HTTP is 403, and a valid token sent that way is revoked.
        app.UseMiddleware<HttpsGuardMiddleware>();
        app.UseHsts();
        // Bare framework answers (routing's 404 and 405) become recorded refusals; unexpected errors a JSON 500.
        app.UseStatusCodePages(BareStatusAnswers.WriteAsync);
        app.UseWhen(IsAdmin, admin => admin.UseMiddleware<SecurityHeadersMiddleware>());
        app.UseExceptionHandler();
        // Route match: yarp.json's routes and the gateway's own pages, each on its own listener (ListenerMatcherPolicy).
        app.UseRouting();
        app.UseWhen(IsPublic, api => api
            // Method guard: GET and HEAD only, never a body, whatever the protocol.
            .UseMiddleware<MethodGuardMiddleware>()
            // Failed-auth limiter: an address over its limit is 429 before any store lookup (tokens seen valid excepted).
            .UseMiddleware<FailedAuthGuardMiddleware>());
        // The client portal (/client/ on the public listener): off → 404, else its security headers. Then authentication,
        // here and not first, so the OpenID Connect handler answers the provider's callback behind every guard above (an
        // address flooding forged callbacks is 429 like one guessing tokens) and is audited like any request; bearer
        // tokens are authenticated by the routes' policies below.
        app.UseGatewayPortal();
        app.UseAuthentication();
        // Bearer authentication (token, then its state), then authorization: the route's AuthorizationPolicy is its
        // scope, plus the token's IP allowlist. Staff cookies and admin keys on the admin listener.
        app.UseAuthorization();
        app.UseAntiforgery();
        // Rate limiter: the route's RateLimiterPolicy, partitioned by token.
        app.UseWhen(IsPublic, api => api.UseMiddleware<TokenRateLimitMiddleware>());
        // ASP.NET Core's own limiter for staff sign-in (per address) and the portal's actions (per client and address).
        app.UseWhen(context => IsAdmin(context) || PortalPaths.IsPortalRequest(context), limited => limited.UseRateLimiter());

        // The proxied routes: an identity or nothing, the last-used stamp, YARP's own steps (session affinity, load
        // balancing, passive health checks as yarp.json configures them), then the transforms (strip client
        // credentials and identity claims, add the approved identity and the backend credential) and the forwarder.
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ProxyGuardMiddleware>();
            proxy.UseMiddleware<LastUsedStampMiddleware>();
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        }).WithMetadata(new ListenerMetadata(Listener.PublicName));
        return app;
    }

    private static bool IsAdmin(HttpContext context) => Listener.Of(context).IsAdmin;

    private static bool IsPublic(HttpContext context) => !Listener.Of(context).IsAdmin;
}
