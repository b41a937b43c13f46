using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Telemetry;

/// <summary>Without trace export (the default): no trace context reaches the backend, the client's included.</summary>
public sealed class TraceContextTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Get_TracingOffClientSendsTraceContext_BackendGetsNoneAndAFreshRequestId()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using var request = Http.Get("/api/v1/me", token.Plaintext);
        request.Headers.Add("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        request.Headers.Add("tracestate", "client=chosen");
        request.Headers.Add("baggage", "role=admin");
        request.Headers.Add("Request-Id", "|client.1.");
        request.Headers.Add("Correlation-Context", "role=admin");

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.Matches("^[0-9a-f]{32}$", requestId);
        Assert.NotEqual("0af7651916cd43dd8448eb211c80319c", requestId);
        var received = Assert.Single(gateway.Backend.LogEntries, e => e.RequestMessage!.Header("X-Request-Id").SequenceEqual([requestId])).RequestMessage!;
        foreach (var header in new[] { "traceparent", "tracestate", "baggage", "Request-Id", "Correlation-Context" })
        {
            Assert.False(received.HasHeader(header), header);
        }
    }
}
