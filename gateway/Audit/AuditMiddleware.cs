using System.Diagnostics;
using Gateway.Auth;
using Gateway.Hosting;
using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Gateway.Audit;

/// <summary>
/// One audit event per public request, written when the answer is done: who (token, client, hashed token,
/// address), what (method, path, route), the decision and its reason, the status and the timings.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditLog audit, GatewayMetrics metrics, IOptions<TokenOptions> tokens, TimeProvider time)
{
    private static readonly PathString HealthPath = new("/healthz");
    private readonly string[] _tokenPrefixes = [tokens.Value.Prefix, Gateway.Staff.AdminKeyService.Prefix];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Listener.Of(context).IsAdmin)
        {
            await next(context);
            return;
        }

        var started = Stopwatch.GetTimestamp();
        var at = time.GetUtcNow();
        // Fail closed: while the audit log cannot be written (a full disk), nothing is served that it could
        // not record — except /healthz, which says the process lives. The refusal's own event is the probe:
        // the first one written again reopens the gateway.
        var refused = !audit.Writable && !context.Request.Path.StartsWithSegments(HealthPath, StringComparison.OrdinalIgnoreCase);
        try
        {
            if (refused)
            {
                context.Response.Headers.RetryAfter = "5";
                await ErrorResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, ErrorResponses.ServiceUnavailable);
            }
            else
            {
                await next(context);
            }
        }
        finally
        {
            var e = Describe(context, at, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (refused)
            {
                e = e with { Decision = "denied", Reason = AuditReason.AuditUnavailable };
            }

            audit.Write(e);
            metrics.Request(e);
        }
    }

    private RequestAuditEvent Describe(HttpContext context, DateTimeOffset at, double durationMs)
    {
        var auth = context.Features.Get<TokenAuthenticationFeature>();
        var token = auth?.Identity ?? auth?.Presented;
        var status = context.Response.StatusCode;
        var forwarded = context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is not null;
        var error = context.GetForwarderErrorFeature();
        var reason = ReasonOf(context, auth, status, error);
        return new RequestAuditEvent
        {
            Time = at,
            RequestId = context.TraceIdentifier,
            ClientIp = context.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : null,
            Method = context.Request.Method,
            Path = QueryRedactor.PathAndQuery(context.Request, _tokenPrefixes),
            RouteId = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId,
            Decision = reason is null ? "allowed" : "denied",
            Reason = reason,
            TokenId = token?.TokenId,
            ClientId = token?.ClientId,
            HashedToken = auth?.HashedToken,
            Status = status,
            UpstreamStatus = forwarded && error is null ? status : null,
            DurationMs = durationMs,
            UpstreamDurationMs = context.Features.Get<UpstreamTiming>()?.Milliseconds,
            UserAgent = context.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 300)] : null,
        };
    }

    private static string? ReasonOf(HttpContext context, TokenAuthenticationFeature? auth, int status, IForwarderErrorFeature? error)
    {
        if (error is not null)
        {
            return error.Error == ForwarderError.RequestTimedOut ? AuditReason.UpstreamTimeout : AuditReason.UpstreamError;
        }

        if (auth?.Identity is not null && auth.FailureReason is null && status < 400)
        {
            return null;
        }

        if (auth?.FailureReason is { } failure)
        {
            return failure switch
            {
                AuthFailureReason.MissingToken => AuditReason.MissingToken,
                AuthFailureReason.MalformedToken => AuditReason.MalformedToken,
                AuthFailureReason.UnknownToken => AuditReason.UnknownToken,
                AuthFailureReason.RevokedToken => AuditReason.RevokedToken,
                AuthFailureReason.ExpiredToken => AuditReason.ExpiredToken,
                AuthFailureReason.ClientSuspended => AuditReason.ClientSuspended,
                AuthFailureReason.ClientClosed => AuditReason.ClientClosed,
                AuthFailureReason.StoreUnavailable => AuditReason.StoreUnavailable,
                AuthFailureReason.IpNotAllowed => AuditReason.IpNotAllowed,
                AuthFailureReason.ScopeMissing => AuditReason.ScopeMissing,
                AuthFailureReason.AuthRateLimited => AuditReason.AuthRateLimited,
                AuthFailureReason.RateLimited => AuditReason.RateLimited,
                _ => failure.ToString(),
            };
        }

        return status switch
        {
            StatusCodes.Status403Forbidden when !context.Request.IsHttps => AuditReason.HttpsRequired,
            StatusCodes.Status404NotFound when auth?.Identity is null => AuditReason.NotFound,
            StatusCodes.Status405MethodNotAllowed => AuditReason.MethodNotAllowed,
            StatusCodes.Status400BadRequest when auth?.Identity is null || context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is null => AuditReason.BadRequest,
            // The backend's own answers (its 404 for another client's record included) were allowed through.
            _ => context.Features.Get<IReverseProxyFeature>()?.ProxiedDestination is not null ? null : status >= 400 ? $"status_{status}" : null,
        };
    }
}
