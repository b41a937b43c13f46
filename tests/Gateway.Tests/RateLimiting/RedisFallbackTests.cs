using System.Globalization;
using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.RateLimiting;

/// <summary>
/// <c>Gateway:RateLimiting:Store = Redis</c> with nothing listening where Redis should be (a free port): each
/// fallback does what it says, and neither ever answers 5xx.
/// </summary>
public sealed class RedisFallbackTests
{
    private const int Limit = 3;

    public static GatewayFixture Gateway(string fallback) => new()
    {
        Settings =
        {
            ["Gateway:Redis:Configuration"] = $"127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}",
            ["Gateway:RateLimiting:Store"] = "Redis",
            ["Gateway:RateLimiting:RedisFallback"] = fallback,
            ["Gateway:RateLimiting:PermitsPerMinute"] = Limit.ToString(CultureInfo.InvariantCulture),
        },
    };

    [Fact]
    public async Task Get_RedisUnreachableWithLocalFallback_CountedInThisInstance()
    {
        await using var gateway = Gateway("Local");
        await gateway.InitializeAsync();
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);

        for (var i = 1; i <= Limit; i++)
        {
            using var ok = await gateway.GetAsync("/api/v1/me", token.Plaintext);
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.Equal((Limit - i).ToString(CultureInfo.InvariantCulture), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        using var limited = await gateway.GetAsync("/api/v1/me", token.Plaintext);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("Too many requests.", await limited.MessageAsync());
        Assert.Equal(Limit, gateway.Backend.LogEntries.Count);
    }

    [Fact]
    public async Task Get_RedisUnreachableWithRejectFallback_429WithRetryAfterAndNothingForwarded()
    {
        await using var gateway = Gateway("Reject");
        await gateway.InitializeAsync();
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);

        using var refused = await gateway.GetAsync("/api/v1/me", token.Plaintext);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many requests.", await refused.MessageAsync());
        Assert.Equal("1", refused.Headers.GetValues("Retry-After").Single());
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Start_RedisStoreWithoutRedisConfiguration_ExitsNamingTheSetting()
    {
        var data = Path.Combine(Path.GetTempPath(), "gateway-redis-config-tests", Guid.NewGuid().ToString("N"));
        var environment = GatewayProcess.Environment(data, "http://127.0.0.1:9/", "Bearer unused");
        environment["Gateway__RateLimiting__Store"] = "Redis";
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayProcess.StartAsync(environment, plainHttp: false));

            Assert.Contains("gateway exited with 1", error.Message, StringComparison.Ordinal);
            Assert.Contains("Gateway:Redis:Configuration must name the Redis server", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
