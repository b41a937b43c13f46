using Gateway.Pipeline;

namespace Gateway.Audit;

/// <summary>
/// Fails closed: while the audit log cannot be written (a full disk), nothing is served that it could not record.
/// The refusal's own event is the probe: the first one written again reopens the gateway. Liveness probes are not
/// held back (the decision step lets them past before this one).
/// </summary>
public sealed class AuditGuardMiddleware(RequestDelegate next, AuditLog audit)
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return audit.Writable || context.Features.Get<RequestDecision>() is null
            ? next(context)
            : Refusals.WriteAsync(context, Refusal.AuditUnavailable, RetryAfter);
    }
}
