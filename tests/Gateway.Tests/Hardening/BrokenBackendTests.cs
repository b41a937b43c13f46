using System.Diagnostics;
using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Hardening;

/// <summary>
/// A backend that is not there, resets connections or does not speak HTTP: 502 <c>Upstream unavailable.</c> at
/// once, never a 500 and never a hang; the gateway keeps serving.
/// </summary>
public sealed class BrokenBackendTests(BrokenBackendTests.Fixture fixture) : IClassFixture<BrokenBackendTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public RawBackend Raw { get; } = new(RawFault.ConnectionReset);

        /// <summary>In front of <see cref="Raw"/>.</summary>
        public GatewayFixture Gateway { get; }

        /// <summary>In front of a port nothing listens on.</summary>
        public GatewayFixture Down { get; } = new()
        {
            Settings = { ["ReverseProxy:Clusters:billing:Destinations:primary:Address"] = $"http://127.0.0.1:{FreePort.Next()}/" },
        };

        public Fixture()
        {
            Gateway = new() { Settings = { ["ReverseProxy:Clusters:billing:Destinations:primary:Address"] = Raw.Url } };
        }

        public async Task InitializeAsync()
        {
            await Gateway.InitializeAsync();
            await Down.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Down.DisposeAsync();
            await Raw.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(RawFault.ConnectionReset)]
    [InlineData(RawFault.Garbage)]
    public async Task Get_BackendBreaksTheExchange_Is502WithIdentityOnlyRequestSent(RawFault fault)
    {
        fixture.Raw.Fault = fault;
        var token = await fixture.Gateway.CreateTokenAsync(2, ScopeCatalog.AccountRead);
        var before = fixture.Raw.Requests.Count;

        using var response = await fixture.Gateway.GetAsync("/api/v1/me", token.Plaintext);

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("Upstream unavailable.", await response.MessageAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        var sent = fixture.Raw.Requests.Skip(before).ToList();
        Assert.NotEmpty(sent);
        Assert.All(sent, head =>
        {
            Assert.StartsWith("GET /api/v1/me HTTP/1.1\r\n", head, StringComparison.Ordinal);
            Assert.Contains("\r\nX-Client-Id: 2\r\n", head, StringComparison.OrdinalIgnoreCase);
            Assert.Contains($"\r\nAuthorization: {GatewayFixture.BackendCredential}\r\n", head, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(token.Plaintext, head, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Get_BackendDown_Is502WellBeforeTheUpstreamTimeout()
    {
        var token = await fixture.Down.CreateTokenAsync(1, ScopeCatalog.AccountRead);

        var clock = Stopwatch.StartNew();
        using var response = await fixture.Down.GetAsync("/api/v1/me", token.Plaintext);
        clock.Stop();

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("Upstream unavailable.", await response.MessageAsync());
        Assert.True(response.Headers.Contains("X-Request-Id"));
        // A refused connection is known at once; nothing waits for the 30 s activity timeout.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Get_BackendDown_HealthAndAuthFailuresStillAnswer()
    {
        using var health = await fixture.Down.GetAsync("/healthz", null);
        using var noToken = await fixture.Down.GetAsync("/api/v1/me", null);
        using var head = await fixture.Down.CreateHttpsClient().SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/v1/me"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("Unauthenticated.", await noToken.MessageAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, head.StatusCode);
    }
}
