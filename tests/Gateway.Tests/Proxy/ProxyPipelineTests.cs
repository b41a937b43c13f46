using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Proxy;

/// <summary>
/// YARP's own proxy steps, configured in yarp.json's cluster (here through configuration), work behind the gateway:
/// the load-balancing policy is honoured and session affinity sticks. Two live copies of the backend.
/// </summary>
public sealed class ProxyPipelineTests(ProxyPipelineTests.Fixture fixture) : IClassFixture<ProxyPipelineTests.Fixture>
{
    private const string AffinityHeader = "X-Billing-Affinity";

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new();

        public WireMockServer Second { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await Gateway.InitializeAsync();
            Second = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = GatewayFixture.BackendCredential });
            Gateway.Settings["ReverseProxy:Clusters:billing:Destinations:secondary:Address"] = Second.Url + "/";
            Gateway.Settings["ReverseProxy:Clusters:billing:LoadBalancingPolicy"] = "RoundRobin";
            Gateway.Settings["ReverseProxy:Clusters:billing:SessionAffinity:Enabled"] = "true";
            Gateway.Settings["ReverseProxy:Clusters:billing:SessionAffinity:Policy"] = "CustomHeader";
            Gateway.Settings["ReverseProxy:Clusters:billing:SessionAffinity:AffinityKeyName"] = AffinityHeader;
        }

        public async Task DisposeAsync()
        {
            await Gateway.DisposeAsync();
            Second.Stop();
            Second.Dispose();
        }
    }

    [Fact]
    public async Task Get_RoundRobinPolicy_AlternatesBetweenTheDestinations()
    {
        var token = await fixture.Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        Reset();

        var byPrimary = new List<bool>();
        for (var i = 0; i < 10; i++)
        {
            var before = fixture.Gateway.Backend.LogEntries.Count;
            using var response = await fixture.Gateway.GetAsync("/api/v1/me", token.Plaintext);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            byPrimary.Add(fixture.Gateway.Backend.LogEntries.Count > before);
        }

        Assert.Equal(5, fixture.Gateway.Backend.LogEntries.Count);
        Assert.Equal(5, fixture.Second.LogEntries.Count);
        Assert.All(byPrimary.Zip(byPrimary.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
    }

    [Fact]
    public async Task Get_SessionAffinityKey_StaysOnOneDestination()
    {
        var token = await fixture.Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using var first = await fixture.Gateway.GetAsync("/api/v1/me", token.Plaintext);
        var key = Assert.Single(first.Headers.GetValues(AffinityHeader));
        Reset();

        for (var i = 0; i < 6; i++)
        {
            using var request = Http.Get("/api/v1/me", token.Plaintext);
            request.Headers.Add(AffinityHeader, key);
            using var response = await fixture.Gateway.CreateHttpsClient().SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Contains(6, new[] { fixture.Gateway.Backend.LogEntries.Count, fixture.Second.LogEntries.Count });
    }

    private void Reset()
    {
        fixture.Gateway.Backend.ResetLogEntries();
        fixture.Second.ResetLogEntries();
    }
}
