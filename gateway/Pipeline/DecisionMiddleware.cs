using Gateway.Hosting;
using Gateway.Tokens;
using Yarp.ReverseProxy.Model;

namespace Gateway.Pipeline;

/// <summary>
/// The first step of the public request path: gives the request its <see cref="RequestDecision"/> and, when the
/// answer is done, completes it with what the answer was and hands it to every <see cref="IRequestDecisionObserver"/>
/// (the audit event, the failed-auth count). Liveness probes (<c>GET /healthz</c>) are neither audited nor counted.
/// </summary>
public sealed class DecisionMiddleware(RequestDelegate next, IEnumerable<IRequestDecisionObserver> observers, TimeProvider time)
{
    private static readonly PathString HealthPath = new("/healthz");
    private readonly IRequestDecisionObserver[] _observers = [.. observers];

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Listener.Of(context).IsAdmin || IsHealthProbe(context.Request))
        {
            await next(context);
            return;
        }

        var decision = new RequestDecision(time.GetUtcNow());
        context.Features.Set(decision);
        try
        {
            await next(context);
        }
        catch
        {
            // Whatever escaped the exception handler ends as a 500 or an aborted connection; say so.
            decision.Refuse(Refusal.ServerError);
            throw;
        }
        finally
        {
            Complete(decision, context);
            foreach (var observer in _observers)
            {
                // The audit event is written before the request is done (group commit, Audit/AuditGroupCommit.cs).
                await observer.CompletedAsync(decision);
            }
        }
    }

    /// <summary>What the answer was, from the request and response as they stand when it is done.</summary>
    internal static void Complete(RequestDecision decision, HttpContext context)
    {
        var request = context.Request;
        decision.RequestId = context.TraceIdentifier;
        decision.ClientIp = context.Connection.RemoteIpAddress is { } ip ? ClientAddress.Normalize(ip) : null;
        decision.Method = request.Method;
        decision.Path = request.Path.ToUriComponent();
        decision.Query = request.QueryString.Value ?? "";
        decision.UserAgent = request.Headers.UserAgent is { Count: > 0 } agent ? agent.ToString() : null;
        decision.RouteId = context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId;
        decision.Status = decision.Refusal == Refusal.ClientAborted ? Refusal.ClientAborted.Status : context.Response.StatusCode;
        decision.DurationMs = System.Diagnostics.Stopwatch.GetElapsedTime(decision.Started).TotalMilliseconds;
    }

    private static bool IsHealthProbe(HttpRequest request) =>
        request.Path.Equals(HealthPath, StringComparison.OrdinalIgnoreCase) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));
}
