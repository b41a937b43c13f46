using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Audit;

/// <summary>/metrics after traffic, and /readyz that follows the store.</summary>
public sealed class MetricsAndReadinessTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Metrics_AfterTraffic_ExposeRequestsLatencyAndCache()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using (var ok = await gateway.GetAsync("/api/v1/me", token.Plaintext))
        using (var again = await gateway.GetAsync("/api/v1/me", token.Plaintext))
        using (var denied = await gateway.GetAsync("/api/v1/me", null))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var text = "";
        // The exporter scrapes the meters when asked; counters from the requests above are there at once or within a moment.
        for (var attempt = 0; attempt < 20 && !text.Contains("reason=\"missing_token\"", StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            text = await gateway.CreateAdminClient().GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        Assert.Contains("gateway_requests_total{", text, StringComparison.Ordinal);
        Assert.Contains("route=\"me\"", text, StringComparison.Ordinal);
        Assert.Contains("decision=\"allowed\"", text, StringComparison.Ordinal);
        Assert.Contains("reason=\"missing_token\"", text, StringComparison.Ordinal);
        Assert.Contains("gateway_request_duration_milliseconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("gateway_upstream_duration_milliseconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("gateway_token_cache_hits_total", text, StringComparison.Ordinal);
        Assert.Contains("gateway_audit_events_dropped_total", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OnPublicListener_Is404()
    {
        using var response = await gateway.CreateHttpsClient().GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_StoreGone_IsUnhealthyThenHealthyWhenBack()
    {
        using var ready = await gateway.CreateAdminClient().GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);

        // Take the store away: the SQLite file swapped for an empty one (reachable, no schema), or the
        // PostgreSQL database closed to connections.
        await using (await gateway.Store.TakeAwayAsync(gateway.DataPath))
        {
            using var notReady = await gateway.CreateAdminClient().GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync());
        }

        using var back = await gateway.CreateAdminClient().GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }
}
