using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Hosting;

/// <summary>
/// Gives every request a fresh id (never the client's), used in logs and the audit event, sent to the backend and
/// returned as <c>X-Request-Id</c> so a client can quote it to support. The id is a W3C trace id (32 lowercase hex
/// digits): when traces are exported it is the trace id of the request's own span (which never continues a caller's
/// trace, see <see cref="Gateway.Telemetry.EdgePropagator"/>), so the id a client quotes finds the trace; otherwise a
/// random one, without creating an Activity.
/// </summary>
public sealed class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Request-Id";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The request's own Activity (set by ASP.NET Core only when someone listens), never an ambient one.
        var activity = context.Features.Get<IHttpActivityFeature>()?.Activity;
        var id = activity is { IdFormat: ActivityIdFormat.W3C } ? activity.TraceId.ToHexString() : ActivityTraceId.CreateRandom().ToHexString();
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        return next(context);
    }
}
