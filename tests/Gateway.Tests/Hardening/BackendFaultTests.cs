using System.Diagnostics;
using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gateway.Tests.Hardening;

/// <summary>
/// A backend that is slow, broken or failing: the gateway answers the JSON of DESIGN §5 (502 unavailable, 504 at the
/// cluster's timeout), passes the backend's own error answers through, and the backend never sees more than it should.
/// </summary>
public sealed class BackendFaultTests(BackendFaultTests.Fixture fixture) : IClassFixture<BackendFaultTests.Fixture>
{
    // Short for the 504 test, long enough that a busy machine's first connection to the backend does not reach it.
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SlowBackend = TimeSpan.FromSeconds(10);

    private GatewayFixture Gateway => fixture.Gateway;

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            // The upstream timeout is the cluster's ActivityTimeout (yarp.json, 30 s); any configuration source overrides it.
            Settings = { ["ReverseProxy:Clusters:billing:HttpRequest:ActivityTimeout"] = Timeout.ToString("c", System.Globalization.CultureInfo.InvariantCulture) },
        };

        public async Task InitializeAsync()
        {
            await Gateway.InitializeAsync();
            Gateway.Backend.Given(Request.Create().WithPath("/api/v1/orders").UsingGet()).AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"data\":[]}").WithDelay(SlowBackend));
            Gateway.Backend.Given(Request.Create().WithPath("/api/v1/services").UsingGet()).AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json")
                    .WithHeader("X-Powered-By", "PHP/8.2.12").WithHeader("Server", "Apache/2.4.62").WithBody("{\"message\":\"Server Error\"}"));
            Gateway.Backend.Given(Request.Create().WithPath("/api/v1/domains").UsingGet()).AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "30").WithBody("{\"message\":\"Down for maintenance.\"}"));

            // WireMock.Net 2.21's faults (it has no connection reset; RawBackend covers that and non-HTTP answers).
            Gateway.Backend.Given(Request.Create().WithPath("/api/v1/invoices").UsingGet()).AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"data\":[]}").WithFault(FaultType.EMPTY_RESPONSE));
            Gateway.Backend.Given(Request.Create().WithPath("/api/v1/invoices/1").UsingGet()).AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(200).WithBody("{\"data\":{\"id\":1,\"total\":\"10.00\"}}").WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));
        }

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Get_BackendSlowerThanTimeout_Is504AtTheTimeout()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        Gateway.Backend.ResetLogEntries();

        var clock = Stopwatch.StartNew();
        using var response = await Gateway.GetAsync("/api/v1/orders", token.Plaintext);
        clock.Stop();

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal("Upstream timed out.", await response.MessageAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(response.Headers.Contains("X-Request-Id"));
        // It gave up at its timeout, not when the backend finally answered.
        Assert.InRange(clock.Elapsed, Timeout * 0.9, SlowBackend * 0.9);
    }

    [Fact]
    public async Task Get_Backend500_PassesThroughAsTheBackendsAnswerWithoutItsSoftwareHeaders()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.HostingRead);
        Gateway.Backend.ResetLogEntries();

        using var response = await Gateway.GetAsync("/api/v1/services", token.Plaintext);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("{\"message\":\"Server Error\"}", await response.Content.ReadAsStringAsync());
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.False(response.Headers.Contains("Server"));
        var received = Assert.Single(Gateway.Backend.LogEntries).RequestMessage!;
        Assert.Equal(["1"], received.Header("X-Client-Id"));
        Assert.Equal([token.Token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], received.Header("X-Gateway-Token-Id"));
    }

    [Fact]
    public async Task Get_Backend503_PassesThroughWithItsRetryAfter()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.DomainsRead);
        Gateway.Backend.ResetLogEntries();

        using var response = await Gateway.GetAsync("/api/v1/domains", token.Plaintext);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("{\"message\":\"Down for maintenance.\"}", await response.Content.ReadAsStringAsync());
        Assert.Equal("30", response.Headers.RetryAfter?.ToString());
        Assert.Equal(["1"], Assert.Single(Gateway.Backend.LogEntries).RequestMessage!.Header("X-Client-Id"));
    }

    /// <remarks>
    /// WireMock's faults are well-framed HTTP (a 200 with no body; a 200 whose body turns to random bytes): the
    /// gateway does not read bodies, so they are the backend's answer and pass through; real breakage of the
    /// exchange is in <see cref="BrokenBackendTests"/>.
    /// </remarks>
    [Theory]
    [InlineData("/api/v1/invoices")]
    [InlineData("/api/v1/invoices/1")]
    public async Task Get_WireMockFaultWithValidFraming_PassesThroughAsTheBackendsAnswer(string path)
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        Gateway.Backend.ResetLogEntries();

        using var response = await Gateway.GetAsync(path, token.Plaintext);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("\"message\"", body, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("X-RateLimit-Limit"));
        Assert.Equal(["1"], Assert.Single(Gateway.Backend.LogEntries).RequestMessage!.Header("X-Client-Id"));
    }

    [Fact]
    public async Task Get_AfterTimeouts_GatewayStillServes()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using (var slow = await Gateway.GetAsync("/api/v1/orders", token.Plaintext))
        {
            Assert.Equal(HttpStatusCode.GatewayTimeout, slow.StatusCode);
        }

        using var me = await Gateway.GetAsync("/api/v1/me", token.Plaintext);
        using var noToken = await Gateway.GetAsync("/api/v1/me", null);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("Unauthenticated.", await noToken.MessageAsync());
    }
}
