using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Audit;

/// <summary>/metrics after traffic (the gateway's own instruments beside the framework's), and /readyz that follows the store.</summary>
public sealed class MetricsAndReadinessTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Metrics_AfterTraffic_ExposeRequestsFrameworkLatencyAndCache()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using (var ok = await gateway.GetAsync("/api/v1/me", token.Plaintext))
        using (var again = await gateway.GetAsync("/api/v1/me", token.Plaintext))
        using (var denied = await gateway.GetAsync("/api/v1/me", null))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        var text = await ScrapeUntilAsync("reason=\"missing_token\"");

        Assert.Contains("gateway_requests_total{", text, StringComparison.Ordinal);
        Assert.Contains("route=\"me\"", text, StringComparison.Ordinal);
        Assert.Contains("decision=\"allowed\"", text, StringComparison.Ordinal);
        Assert.Contains("reason=\"missing_token\"", text, StringComparison.Ordinal);
        Assert.Contains("gateway_token_cache_hits_total", text, StringComparison.Ordinal);
        Assert.Contains("gateway_audit_events_dropped_total", text, StringComparison.Ordinal);
        // Latency is the framework's, in seconds, by route template and status (the home-made histograms are gone).
        Assert.Matches(Series("http_server_request_duration_seconds_bucket", "http_request_method=\"GET\"", "http_response_status_code=\"200\"", "http_route=\"/api/v1/me\""), text);
        Assert.Matches(Series("http_server_request_duration_seconds_bucket", "http_response_status_code=\"401\"", "http_route=\"/api/v1/me\""), text);
        Assert.Matches(Series("http_client_request_duration_seconds_bucket", "http_request_method=\"GET\"", "http_response_status_code=\"200\"", "server_address=\"127.0.0.1\""), text);
        Assert.DoesNotContain("gateway_request_duration", text, StringComparison.Ordinal);
        Assert.DoesNotContain("gateway_upstream_duration", text, StringComparison.Ordinal);
        // The runtime's own meter: process CPU and memory, GC, thread pool.
        Assert.Contains("dotnet_process_cpu_time_seconds_total{", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_process_memory_working_set_bytes{", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_gc_collections_total{", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_thread_pool_thread_count_total{", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_OnPublicListener_Is404()
    {
        using var response = await gateway.CreateHttpsClient().GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_AllFine_JsonWithEachChecksStatusDescriptionAndDuration()
    {
        using var ready = await gateway.CreateAdminClient().GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("application/json", ready.Content.Headers.ContentType?.MediaType);
        var report = await ready.JsonAsync();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.True(TimeSpan.TryParse(report.GetProperty("totalDuration").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));
        foreach (var (name, description) in new[]
        {
            ("store", "Token store reachable, migrations applied."),
            ("backend", "Every backend cluster has an available destination."),
            ("audit", "The audit log is being written."),
            ("redis", "Redis not configured (single instance)."),
        })
        {
            var check = report.Check(name);
            Assert.Equal("Healthy", check.GetProperty("status").GetString());
            Assert.Equal(description, check.GetProperty("description").GetString());
            Assert.True(TimeSpan.TryParse(check.GetProperty("duration").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _), name);
        }
    }

    [Fact]
    public async Task Readyz_Head_StatusWithoutBody()
    {
        using var ready = await gateway.CreateAdminClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/readyz"));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Empty(await ready.Content.ReadAsByteArrayAsync());
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
            var report = await notReady.JsonAsync();
            Assert.Equal("Unhealthy", report.GetProperty("status").GetString());
            Assert.Equal("Unhealthy", report.Check("store").GetProperty("status").GetString());
            Assert.StartsWith("The token store", report.Check("store").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.False(report.Check("store").TryGetProperty("exception", out _));
        }

        using var back = await gateway.CreateAdminClient().GetAsync(new Uri("/readyz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
    }

    /// <summary>A Prometheus series line of <paramref name="name"/> carrying every label given, in any order.</summary>
    private static System.Text.RegularExpressions.Regex Series(string name, params string[] labels) =>
        new($"(?m)^{name}\\{{{string.Concat(labels.Select(l => $"(?=[^}}\\n]*{System.Text.RegularExpressions.Regex.Escape(l)})"))}[^}}\\n]*\\}} ");

    private async Task<string> ScrapeUntilAsync(string expected)
    {
        var text = "";
        // The exporter scrapes the meters when asked; counters from the requests above are there at once or within a moment.
        for (var attempt = 0; attempt < 20 && !text.Contains(expected, StringComparison.Ordinal); attempt++)
        {
            await Task.Delay(100);
            text = await gateway.CreateAdminClient().GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        return text;
    }
}
