using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using LegacyStub;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gateway.Tests.Hardening;

/// <summary>
/// YARP's active health check on the <c>billing</c> cluster (yarp.json: <c>GET /healthz</c>, two failures in a row):
/// a failing backend is taken out, requests get 502 <c>Upstream unavailable.</c> without reaching it, the rest of the
/// gateway keeps answering, and the backend is put back once it answers its health path again.
/// </summary>
public sealed class ActiveHealthCheckTests(ActiveHealthCheckTests.Fixture fixture) : IClassFixture<ActiveHealthCheckTests.Fixture>
{
    private static readonly TimeSpan Liveness = TimeSpan.FromSeconds(20);

    private GatewayFixture Gateway => fixture.Gateway;

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            Settings =
            {
                ["ReverseProxy:Clusters:billing:HealthCheck:Active:Enabled"] = "true",
                // yarp.json probes every 10 s; a short interval keeps the test short.
                ["ReverseProxy:Clusters:billing:HealthCheck:Active:Interval"] = "00:00:00.200",
                ["ReverseProxy:Clusters:billing:HealthCheck:Active:Timeout"] = "00:00:02",
            },
        };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Probe_BackendFailsHealthThenRecovers_502WhileDownAndServedAgain()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await WaitForReadinessAsync(HttpStatusCode.OK);
        using (var healthy = await Gateway.GetAsync("/api/v1/me", token.Plaintext))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        var failing = Guid.NewGuid();
        Gateway.Backend.Given(Request.Create().WithPath(BillingStub.HealthPath).UsingAnyMethod()).WithGuid(failing).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(503));
        await WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable);
        Gateway.Backend.ResetLogEntries();

        using var down = await Gateway.GetAsync("/api/v1/me", token.Plaintext);
        using var liveness = await Gateway.GetAsync("/healthz", null);
        using var noToken = await Gateway.GetAsync("/api/v1/me", null);

        Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
        Assert.Equal("Upstream unavailable.", await down.MessageAsync());
        Assert.Equal(HttpStatusCode.OK, liveness.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("Unauthenticated.", await noToken.MessageAsync());
        // Marked down, the backend is not even tried: only health probes reached it.
        Assert.All(Gateway.Backend.LogEntries, e => Assert.Equal(BillingStub.HealthPath, e.RequestMessage!.Path));

        Assert.True(Gateway.Backend.DeleteMapping(failing));
        await WaitForReadinessAsync(HttpStatusCode.OK);
        Gateway.Backend.ResetLogEntries();

        using var back = await Gateway.GetAsync("/api/v1/me", token.Plaintext);

        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var received = Assert.Single(Gateway.Backend.LogEntries, e => e.RequestMessage!.Path == "/api/v1/me").RequestMessage!;
        Assert.Equal(["1"], received.Header("X-Client-Id"));
    }

    [Fact]
    public async Task Probe_HealthRequest_CarriesNoCredentialOrIdentity()
    {
        await WaitForReadinessAsync(HttpStatusCode.OK);
        var deadline = DateTime.UtcNow + Liveness;
        while (!Gateway.Backend.LogEntries.Any(e => e.RequestMessage!.Path == BillingStub.HealthPath) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var probes = Gateway.Backend.LogEntries.Where(e => e.RequestMessage!.Path == BillingStub.HealthPath).ToList();
        Assert.NotEmpty(probes);
        Assert.All(probes, probe =>
        {
            Assert.False(probe.RequestMessage!.HasHeader("Authorization"));
            Assert.False(probe.RequestMessage!.HasHeader("X-Client-Id"));
            Assert.False(probe.RequestMessage!.HasHeader("X-Gateway-Token-Id"));
        });
    }

    /// <summary>Polls <c>/readyz</c> (which follows the cluster's available destinations) until it answers <paramref name="expected"/>.</summary>
    private async Task WaitForReadinessAsync(HttpStatusCode expected)
    {
        using var admin = Gateway.CreateAdminClient();
        var deadline = DateTime.UtcNow + Liveness;
        HttpStatusCode last;
        do
        {
            using var ready = await admin.GetAsync(new Uri("/readyz", UriKind.Relative));
            last = ready.StatusCode;
            if (last == expected)
            {
                return;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        var probes = string.Join(", ", Gateway.Backend.LogEntries.Where(e => e.RequestMessage!.Path == BillingStub.HealthPath).TakeLast(5).Select(e => e.ResponseMessage?.StatusCode));
        var states = Gateway.Services.GetRequiredService<Yarp.ReverseProxy.IProxyStateLookup>().GetClusters()
            .SelectMany(c => c.Destinations.Values).Select(d => $"{d.DestinationId}:{d.Health.Active}/{d.Health.Passive}");
        Assert.Fail($"/readyz stayed {last}, expected {expected}; last probes answered {probes}; destinations {string.Join(", ", states)}.");
    }
}
