using Gateway.Auth;
using Gateway.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// Runs inside YARP's pipeline, just before forwarding: no request leaves without an approved identity
/// (a last line behind authorization), backend answers pass through untouched, and forwarding failures get
/// the JSON bodies of DESIGN §5.
/// </summary>
public sealed class ProxyGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<TokenAuthenticationFeature>()?.Identity is null || context.User.Identity?.IsAuthenticated != true)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorResponses.Unauthenticated);
            return;
        }

        // Whatever the backend says (its 404 bodies included) is the answer; no gateway body on top.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        await next(context);

        if (context.GetForwarderErrorFeature() is { } error && !context.Response.HasStarted)
        {
            var timedOut = error.Error == ForwarderError.RequestTimedOut;
            await ErrorResponses.WriteAsync(
                context,
                timedOut ? StatusCodes.Status504GatewayTimeout : StatusCodes.Status502BadGateway,
                timedOut ? ErrorResponses.UpstreamTimedOut : ErrorResponses.UpstreamUnavailable);
        }
    }
}
