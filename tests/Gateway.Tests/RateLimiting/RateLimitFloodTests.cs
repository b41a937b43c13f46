using System.Net;
using Gateway.RateLimiting;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.RateLimiting;

/// <summary>
/// Floods of distinct addresses and random tokens: memory stays bounded, and once the address table is full
/// new addresses share one failed-auth window, so the store is protected (a gateway of its own: the flood
/// blocks uncached tokens from new addresses for the window).
/// </summary>
public sealed class RateLimitFloodTests(RateLimitFloodTests.Fixture fixture) : IClassFixture<RateLimitFloodTests.Fixture>
{
    private static readonly TokenFormat Format = new("opt_live_");

    private GatewayFixture Gateway => fixture.Gateway;

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            Settings =
            {
                ["Gateway:RateLimiting:FailedAuthPerMinute"] = "5",
                // Long enough that "already validated and cached" cannot lapse on a slow machine mid-test.
                ["Gateway:Tokens:CacheRevalidateAfter"] = "00:01:00",
                ["Gateway:RateLimiting:MaxTrackedClients"] = "100",
                ["Gateway:Tokens:CacheSizeLimit"] = "1000",
            },
        };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Get_FloodOfDistinctAddresses_LimiterMemoryStaysBounded()
    {
        for (var i = 0; i < 300; i++)
        {
            using var bad = await Gateway.GetAsync("/api/v1/me", "Bearer-nonsense", $"2001:db8:{i:x}::1");
        }

        var limiter = Gateway.Services.GetRequiredService<FailedAuthLimiter>();
        Assert.InRange(limiter.TrackedClients, 1, 100);
    }

    [Fact]
    public async Task FindAsync_FloodOfRandomWellFormedTokens_TokenCacheStaysBounded()
    {
        // Straight at the cache: behind the HTTP front the failed-auth guard would stop the flood first.
        var cache = Gateway.Services.GetRequiredService<TokenCache>();
        for (var i = 0; i < 1500; i++)
        {
            Assert.Null(await cache.FindAsync(TokenFormat.HashForAudit(Format.Generate()), CancellationToken.None));
        }

        Assert.InRange(cache.Count, 1, 1000);
    }

    [Fact]
    public async Task Get_TableFullOfFailingAddresses_CachedTokenFromNewAddressStillWorks()
    {
        var good = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using (var warm = await Gateway.GetAsync("/api/v1/me", good.Plaintext, "192.0.2.200"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        for (var i = 0; i < 150; i++)
        {
            using var bad = await Gateway.GetAsync("/api/v1/me", Format.Generate(), $"2001:db8:ff{i:x2}::1");
        }

        using var cached = await Gateway.GetAsync("/api/v1/me", good.Plaintext, "2001:db8:aaaa::1");
        using var uncached = await Gateway.GetAsync("/api/v1/me", Format.Generate(), "2001:db8:bbbb::1");

        Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, uncached.StatusCode);
    }
}
