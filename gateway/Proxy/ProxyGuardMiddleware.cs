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
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await ErrorResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, ErrorResponses.Unauthenticated);
            return;
        }

        // Reads carry no body: one could smuggle parameters (a JSON "client_id") past the query filter.
        if (context.Request.ContentLength > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorResponses.BodyNotAllowed);
            return;
        }

        // Whatever the backend says (its 404 bodies included) is the answer; no gateway body on top.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        var timing = new Gateway.Audit.UpstreamTiming();
        context.Features.Set(timing);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await next(context);
        timing.Milliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        if (context.GetForwarderErrorFeature() is { } error && !context.Response.HasStarted)
        {
            switch (error.Error)
            {
                case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled:
                    // The client went away: nobody is left to answer.
                    break;
                case ForwarderError.RequestBodyClient:
                    await ErrorResponses.WriteAsync(context, StatusCodes.Status400BadRequest, ErrorResponses.BadRequest);
                    break;
                case ForwarderError.RequestTimedOut:
                    await ErrorResponses.WriteAsync(context, StatusCodes.Status504GatewayTimeout, ErrorResponses.UpstreamTimedOut);
                    break;
                default:
                    await ErrorResponses.WriteAsync(context, StatusCodes.Status502BadGateway, ErrorResponses.UpstreamUnavailable);
                    break;
            }
        }
    }
}
