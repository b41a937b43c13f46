using System.Globalization;
using System.Net;
using Gateway.RateLimiting;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.RateLimiting;

/// <summary>Per-token limits with their headers, and the per-address failed-authentication guard.</summary>
public sealed class RateLimitTests(RateLimitTests.Fixture fixture) : IClassFixture<RateLimitTests.Fixture>
{
    private const int Limit = 5;
    private static readonly TokenFormat Format = new("opt_live_");

    private GatewayFixture Gateway => fixture.Gateway;

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            Settings =
            {
                ["Gateway:RateLimiting:PermitsPerMinute"] = "5",
                ["Gateway:RateLimiting:FailedAuthPerMinute"] = "5",
                // Long enough that "already validated and cached" cannot lapse on a slow machine mid-test.
                ["Gateway:Tokens:CacheRevalidateAfter"] = "00:01:00",
                ["Gateway:RateLimiting:MaxTrackedClients"] = "100",
            },
        };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Get_OverTokenLimit_Is429WithRetryAfterAndHeaders()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        Gateway.Backend.ResetLogEntries();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        for (var i = 1; i <= Limit; i++)
        {
            using var ok = await Gateway.GetAsync("/api/v1/me", token.Plaintext);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal(Limit.ToString(CultureInfo.InvariantCulture), Header(ok, "X-RateLimit-Limit"));
            Assert.Equal((Limit - i).ToString(CultureInfo.InvariantCulture), Header(ok, "X-RateLimit-Remaining"));
            var reset = long.Parse(Header(ok, "X-RateLimit-Reset"), CultureInfo.InvariantCulture);
            Assert.InRange(reset, before, before + 61);
        }

        using var limited = await Gateway.GetAsync("/api/v1/me", token.Plaintext);

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("Too many requests.", await limited.MessageAsync());
        Assert.InRange(int.Parse(Header(limited, "Retry-After"), CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("0", Header(limited, "X-RateLimit-Remaining"));
        Assert.Equal(Limit, Gateway.Backend.LogEntries.Count);
    }

    [Fact]
    public async Task Get_TwoTokensOfOneClient_DoNotShareABucket()
    {
        var first = await Gateway.CreateTokenAsync(2, ScopeCatalog.AccountRead);
        var second = await Gateway.CreateTokenAsync(2, ScopeCatalog.AccountRead);
        for (var i = 0; i < Limit; i++)
        {
            using var response = await Gateway.GetAsync("/api/v1/me", first.Plaintext);
        }

        using var firstLimited = await Gateway.GetAsync("/api/v1/me", first.Plaintext);
        using var secondFresh = await Gateway.GetAsync("/api/v1/me", second.Plaintext);

        Assert.Equal(HttpStatusCode.TooManyRequests, firstLimited.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondFresh.StatusCode);
        Assert.Equal((Limit - 1).ToString(CultureInfo.InvariantCulture), Header(secondFresh, "X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Get_TokenWithOwnLimit_OverrideWins()
    {
        var token = await Gateway.CreateTokenAsync(new TokenSpec { ClientId = 3, Scopes = [ScopeCatalog.AccountRead], RateLimitPerMinute = 2 });

        using var one = await Gateway.GetAsync("/api/v1/me", token.Plaintext);
        using var two = await Gateway.GetAsync("/api/v1/me", token.Plaintext);
        using var three = await Gateway.GetAsync("/api/v1/me", token.Plaintext);

        Assert.Equal("2", Header(one, "X-RateLimit-Limit"));
        Assert.Equal(HttpStatusCode.OK, two.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, three.StatusCode);
    }

    [Fact]
    public async Task Get_ClientSendsRateLimitHeaders_CannotChooseItsBucket()
    {
        var token = await Gateway.CreateTokenAsync(4, ScopeCatalog.AccountRead);
        for (var i = 0; i <= Limit; i++)
        {
            using var request = Http.Get("/api/v1/me", token.Plaintext);
            request.Headers.Add("X-Forwarded-For", $"10.0.0.{i}");
            request.Headers.Add("X-Client-Id", i.ToString(CultureInfo.InvariantCulture));
            using var response = await Gateway.CreateHttpsClient().SendAsync(request);
            Assert.Equal(i < Limit ? HttpStatusCode.OK : HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }

    [Fact]
    public async Task Get_FailedAuthLimitReached_429WithoutStoreLookupButCachedTokenStillWorks()
    {
        const string peer = "198.51.100.60";
        var good = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using (var warm = await Gateway.GetAsync("/api/v1/me", good.Plaintext, peer))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        for (var i = 0; i < 5; i++)
        {
            using var bad = await Gateway.GetAsync("/api/v1/me", Format.Generate(), peer);
            Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        }

        var readsBefore = Gateway.StoreCommands.Reads;
        for (var i = 0; i < 20; i++)
        {
            using var blocked = await Gateway.GetAsync("/api/v1/me", Format.Generate(), peer);
            Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
            Assert.Equal("Too many requests.", await blocked.MessageAsync());
            Assert.True(blocked.Headers.Contains("Retry-After"));
        }

        using var malformed = await Gateway.GetAsync("/api/v1/me", "opt_live_garbage", peer);
        Assert.Equal(HttpStatusCode.TooManyRequests, malformed.StatusCode);
        Assert.Equal(readsBefore, Gateway.StoreCommands.Reads);

        using var cached = await Gateway.GetAsync("/api/v1/me", good.Plaintext, peer);
        using var otherAddress = await Gateway.GetAsync("/api/v1/me", Format.Generate(), "198.51.100.61");
        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAddress.StatusCode);
    }

    private static string Header(HttpResponseMessage response, string name) => Assert.Single(response.Headers.GetValues(name));
}
