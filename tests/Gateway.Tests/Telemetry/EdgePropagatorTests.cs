using System.Diagnostics;
using Gateway.Telemetry;

namespace Gateway.Tests.Telemetry;

public sealed class EdgePropagatorTests
{
    private const string ClientTraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void ExtractTraceIdAndState_CallerSentTraceContext_NothingExtracted()
    {
        var headers = new Dictionary<string, string> { ["traceparent"] = ClientTraceParent, ["tracestate"] = "vendor=x", ["baggage"] = "user=admin" };

        new EdgePropagator().ExtractTraceIdAndState(headers, Getter, out var traceId, out var traceState);
        var baggage = new EdgePropagator().ExtractBaggage(headers, Getter);

        Assert.Null(traceId);
        Assert.Null(traceState);
        Assert.Null(baggage);
    }

    [Fact]
    public void Inject_GatewayActivity_W3CTraceParentOfThatActivity()
    {
        using var activity = new Activity("forward").SetIdFormat(ActivityIdFormat.W3C).Start();
        var headers = new Dictionary<string, string>();

        new EdgePropagator().Inject(activity, headers, (carrier, name, value) => ((Dictionary<string, string>)carrier!)[name] = value);

        Assert.Equal($"00-{activity.TraceId.ToHexString()}-{activity.SpanId.ToHexString()}-00", headers["traceparent"]);
    }

    private static void Getter(object? carrier, string name, out string? value, out IEnumerable<string>? values)
    {
        values = null;
        ((Dictionary<string, string>)carrier!).TryGetValue(name, out value);
    }
}
