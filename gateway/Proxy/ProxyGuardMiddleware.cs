using Gateway.Pipeline;
using Microsoft.AspNetCore.Diagnostics;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Proxy;

/// <summary>
/// The first step of YARP's proxy pipeline: no request leaves without an approved identity (a last line behind
/// authorization), the backend's answers pass through untouched, forwarding is timed, and forwarding failures become
/// the refusals of DESIGN §5.
/// </summary>
public sealed class ProxyGuardMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = RequestDecision.Of(context);
        if (decision.Identity is null || context.User.Identity?.IsAuthenticated != true)
        {
            await Refusals.WriteAsync(context, decision.AuthenticationFailure ?? Refusal.MissingToken);
            return;
        }

        // Whatever the backend says (its 404 bodies included) is the answer; no gateway body on top.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        decision.Forwarded = true;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await next(context);
        decision.UpstreamMilliseconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds;

        if (context.GetForwarderErrorFeature() is { } error)
        {
            switch (error.Error)
            {
                case ForwarderError.RequestCanceled or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled:
                    // The client went away: nobody is left to answer.
                    Refusals.Record(context, Refusal.ClientAborted);
                    break;
                case ForwarderError.RequestBodyClient:
                    await Refusals.WriteAsync(context, Refusal.BadRequest);
                    break;
                case ForwarderError.RequestTimedOut:
                    await Refusals.WriteAsync(context, Refusal.UpstreamTimedOut);
                    break;
                default:
                    await Refusals.WriteAsync(context, Refusal.UpstreamUnavailable);
                    break;
            }
        }
    }
}
