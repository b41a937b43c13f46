using System.Net;
using Gateway.RateLimiting;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.RateLimiting;

/// <summary>
/// Floods of distinct addresses and random tokens: memory stays bounded, and once the address table is full an
/// attacker holding many addresses still cannot block an address it does not hold (a gateway of its own). The token
/// cache keeps its default bound (1 s).
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
    public async Task Get_TableFullOfBlockedAttackerAddresses_NewAddressIsNeverBlockedByThem()
    {
        // 150 addresses, each over its limit: more than the table holds.
        for (var i = 0; i < 150; i++)
        {
            for (var attempt = 0; attempt < 6; attempt++)
            {
                using var bad = await Gateway.GetAsync("/api/v1/me", Format.Generate(), $"2001:db8:ee{i:x2}::1");
            }
        }

        // Someone else, never seen, with a token never validated, and with a wrong one.
        var fresh = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using var valid = await Gateway.GetAsync("/api/v1/me", fresh.Plaintext, "192.0.2.201");
        using var unknown = await Gateway.GetAsync("/api/v1/me", Format.Generate(), "192.0.2.202");

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }
}
