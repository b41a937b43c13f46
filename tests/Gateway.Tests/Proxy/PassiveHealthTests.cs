using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Proxy;

/// <summary>
/// YARP's passive health check behind the gateway: of two destinations, the one that refuses connections is taken
/// out after its failures (TransportFailureRate: 10 requests, over 30% failed) and the healthy one serves the rest.
/// </summary>
public sealed class PassiveHealthTests(PassiveHealthTests.Fixture fixture) : IClassFixture<PassiveHealthTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            Settings =
            {
                // Nothing listens on a fresh free port: connections are refused.
                ["ReverseProxy:Clusters:billing:Destinations:broken:Address"] = $"http://127.0.0.1:{FreePort.Next()}/",
                ["ReverseProxy:Clusters:billing:LoadBalancingPolicy"] = "RoundRobin",
                ["ReverseProxy:Clusters:billing:HealthCheck:Passive:Enabled"] = "true",
                ["ReverseProxy:Clusters:billing:HealthCheck:Passive:Policy"] = "TransportFailureRate",
                ["ReverseProxy:Clusters:billing:HealthCheck:Passive:ReactivationPeriod"] = "00:10:00",
            },
        };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Get_OneDestinationRefusesConnections_PassiveHealthTakesItOut()
    {
        var token = await fixture.Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        fixture.Gateway.Backend.ResetLogEntries();

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 40; i++)
        {
            using var response = await fixture.Gateway.GetAsync("/api/v1/me", token.Plaintext);
            answers.Add(response.StatusCode);
        }

        // The broken one was tried (502s) until it was marked unhealthy; from then on only the healthy one serves.
        Assert.Contains(HttpStatusCode.BadGateway, answers.Take(20));
        Assert.All(answers.Skip(25), status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(answers.Count(s => s == HttpStatusCode.OK), fixture.Gateway.Backend.LogEntries.Count);
    }
}
