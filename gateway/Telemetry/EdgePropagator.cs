using System.Diagnostics;

namespace Gateway.Telemetry;

/// <summary>
/// The trace-context propagator of an edge: it takes nothing from a caller (no <c>traceparent</c>, <c>tracestate</c>
/// or <c>baggage</c> is ever adopted, on either listener), so every request starts a trace of its own whose id is the
/// gateway's request id; it hands the gateway's own context on as W3C Trace Context. ASP.NET Core's hosting asks it
/// only when tracing is exported (otherwise no request span exists to extract into).
/// </summary>
public sealed class EdgePropagator : DistributedContextPropagator
{
    private static readonly DistributedContextPropagator W3C = CreateW3CPropagator();

    public override IReadOnlyCollection<string> Fields => W3C.Fields;

    public override void Inject(Activity? activity, object? carrier, PropagatorSetterCallback? setter) => W3C.Inject(activity, carrier, setter);

    public override void ExtractTraceIdAndState(object? carrier, PropagatorGetterCallback? getter, out string? traceId, out string? traceState)
    {
        traceId = null;
        traceState = null;
    }

    public override IEnumerable<KeyValuePair<string, string?>>? ExtractBaggage(object? carrier, PropagatorGetterCallback? getter) => null;
}
