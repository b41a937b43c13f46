using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hardening;

/// <summary>
/// A client that names its own request id or trace — <c>X-Request-Id</c> shaped as a valid W3C trace id, a
/// <c>traceparent</c>, the older <c>Request-Id</c> — in raw HTTP/1.1 bytes and HTTP/2 frames at default settings: the
/// gateway answers, forwards and audits its own fresh id, and none of the client's reaches the backend.
/// </summary>
public sealed class RequestIdSpoofTests(WireFixture wire) : IClassFixture<WireFixture>
{
    private const string ChosenTraceId = "4bf92f3577b34da6a3ce929d0e0e4736";

    // Lower-case names: HTTP/2 requires them, and HTTP/1.1 takes any case.
    private static readonly (string Name, string Value)[] Spoofed =
    [
        ("x-request-id", ChosenTraceId),
        ("traceparent", $"00-{ChosenTraceId}-00f067aa0ba902b7-01"),
        ("tracestate", "client=chosen"),
        ("request-id", $"|{ChosenTraceId}.00f067aa0ba902b7."),
        ("baggage", "tenant=admin"),
    ];

    [Theory]
    [InlineData("HTTP/1.1")]
    [InlineData("HTTP/2")]
    public async Task Get_ClientNamesRequestIdAndTrace_GatewaysOwnIdAnsweredForwardedAndAudited(string protocol)
    {
        wire.Backend.ResetLogEntries();
        (string, string)[] fields = [("authorization", "Bearer " + wire.Token), .. Spoofed];

        var response = protocol == "HTTP/2"
            ? await wire.Http2Async("GET", "/api/v1/me", null, fields)
            : await wire.Http11Async("GET", "/api/v1/me", null, fields);

        Assert.Equal(200, response.Status);
        var id = response.Header("x-request-id");
        Assert.Matches("^[0-9a-f]{32}$", id);
        Assert.NotEqual(ChosenTraceId, id);
        var received = Assert.Single(wire.Backend.LogEntries).RequestMessage!;
        Assert.Equal([id!], received.Header("X-Request-Id"));
        foreach (var header in new[] { "traceparent", "tracestate", "Request-Id", "baggage" })
        {
            Assert.False(received.HasHeader(header), header);
        }

        var audited = await AuditFile.EventAsync(wire.AuditFolder, id!);
        Assert.Equal(id, audited.GetProperty("RequestId").GetString());
        Assert.DoesNotContain(ChosenTraceId, audited.GetRawText(), StringComparison.Ordinal);
    }
}
