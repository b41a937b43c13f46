using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.RateLimiting;

/// <summary>
/// The failed-auth table when full of addresses that are still under their limit: they make room, and a new address
/// that fails is counted and limited as usual (a gateway of its own, so no other test's windows are in the table).
/// </summary>
public sealed class FailedAuthTableTests(FailedAuthTableTests.Fixture fixture) : IClassFixture<FailedAuthTableTests.Fixture>
{
    private static readonly TokenFormat Format = new("opt_live_");

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            Settings =
            {
                ["Gateway:RateLimiting:FailedAuthPerMinute"] = "5",
                ["Gateway:RateLimiting:MaxTrackedClients"] = "100",
            },
        };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Get_TableFullOfAddressesUnderTheirLimit_NewFailingAddressIsStillCountedAndLimited()
    {
        for (var i = 0; i < 150; i++)
        {
            using var bad = await fixture.Gateway.GetAsync("/api/v1/me", Format.Generate(), $"2001:db8:dd{i:x2}::1");
        }

        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 7; attempt++)
        {
            using var bad = await fixture.Gateway.GetAsync("/api/v1/me", Format.Generate(), "198.51.100.77");
            answers.Add(bad.StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }
}
