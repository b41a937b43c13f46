using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Auth;

/// <summary>Behind a configured load balancer, its X-Forwarded-For is the client address.</summary>
public sealed class TrustedProxyTests(TrustedProxyTests.Fixture gateway) : IClassFixture<TrustedProxyTests.Fixture>
{
    private const string LoadBalancer = "198.51.100.7";

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            Settings = { ["Gateway:TrustedProxies:Addresses:0"] = LoadBalancer },
        };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Get_ForwardedForFromTrustedProxy_IsTheClientAddress()
    {
        var token = await gateway.Gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], AllowedIps = ["10.5.3.33"] });
        gateway.Gateway.Backend.ResetLogEntries();
        using var request = Http.Get("/api/v1/me", token.Plaintext).From(LoadBalancer);
        request.Headers.Add("X-Forwarded-For", "10.5.3.33");

        using var response = await gateway.Gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(gateway.Gateway.Backend.LogEntries).RequestMessage!;
        Assert.Equal(["10.5.3.33"], received.Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task Get_ForwardedForFromAnotherPeer_IsStillIgnored()
    {
        var token = await gateway.Gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], AllowedIps = ["10.5.3.33"] });
        using var request = Http.Get("/api/v1/me", token.Plaintext).From("198.51.100.8");
        request.Headers.Add("X-Forwarded-For", "10.5.3.33");

        using var response = await gateway.Gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Get_ChainLongerThanForwardLimit_UsesOnlyTheTrustedHop()
    {
        var token = await gateway.Gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], AllowedIps = ["10.5.3.33"] });
        using var request = Http.Get("/api/v1/me", token.Plaintext).From(LoadBalancer);
        // The client wrote the first entry itself; only the last hop comes from the load balancer.
        request.Headers.Add("X-Forwarded-For", "10.5.3.33, 192.0.2.50");

        using var response = await gateway.Gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
