using Gateway.Cluster;
using Gateway.Pipeline;
using Gateway.RateLimiting;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.RateLimiting;

/// <summary>The per-token limit's step: the window travels in the lease to the record and the headers; over it, 429.</summary>
public sealed class TokenRateLimitMiddlewareTests : IDisposable
{
    private readonly TokenRateLimiter _limiter = new(
        Options.Create(new RateLimitingOptions { PermitsPerMinute = 2 }),
        TimeProvider.System,
        NullLogger<TokenRateLimiter>.Instance,
        new RedisWindowCounter(new RedisConnection(Options.Create(new RedisOptions()), NullLogger<RedisConnection>.Instance)),
        Options.Create(new RedisOptions()));

    [Fact]
    public async Task Invoke_UnderLimit_WindowOnRecordAndHeadersAsResponseStarts()
    {
        var step = Routed(tokenId: 1);

        await new TokenRateLimitMiddleware(step.Next(), _limiter).InvokeAsync(step.Http);
        await step.StartResponseAsync();

        Assert.True(step.NextCalled);
        Assert.Equal((2, 1), (step.Decision.Limit!.Value.Limit, step.Decision.Limit.Value.Remaining));
        Assert.Equal("2", step.Http.Response.Headers["X-RateLimit-Limit"].ToString());
        Assert.Equal("1", step.Http.Response.Headers["X-RateLimit-Remaining"].ToString());
        Assert.Equal(step.Decision.Limit.Value.Reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), step.Http.Response.Headers["X-RateLimit-Reset"].ToString());
    }

    [Fact]
    public async Task Invoke_OverLimit_429WithRetryAfterAndNotForwarded()
    {
        for (var i = 0; i < 2; i++)
        {
            var earlier = Routed(tokenId: 2);
            await new TokenRateLimitMiddleware(earlier.Next(), _limiter).InvokeAsync(earlier.Http);
        }

        var step = Routed(tokenId: 2);
        await new TokenRateLimitMiddleware(step.Next(), _limiter).InvokeAsync(step.Http);

        Assert.False(step.NextCalled);
        Assert.Equal(429, step.Status);
        Assert.Equal(Refusal.RateLimited, step.Decision.Refusal);
        Assert.Equal(0, step.Decision.Limit!.Value.Remaining);
        Assert.False(string.IsNullOrEmpty(step.Http.Response.Headers.RetryAfter.ToString()));
    }

    [Fact]
    public async Task Invoke_TokenOwnLimit_Wins()
    {
        var step = Routed(tokenId: 3, ownLimit: 50);

        await new TokenRateLimitMiddleware(step.Next(), _limiter).InvokeAsync(step.Http);

        Assert.Equal(50, step.Decision.Limit!.Value.Limit);
    }

    [Fact]
    public async Task Invoke_RouteWithoutThePolicy_NotCounted()
    {
        var step = new StepContext();
        step.Decision.Identity = new TokenIdentity { TokenId = 4, ClientId = 1 };

        await new TokenRateLimitMiddleware(step.Next(), _limiter).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
        Assert.Null(step.Decision.Limit);
    }

    public void Dispose() => _limiter.Dispose();

    private static StepContext Routed(long tokenId, int? ownLimit = null)
    {
        var step = new StepContext();
        step.Http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new EnableRateLimitingAttribute(RateLimitingOptions.TokenPolicy)), "route"));
        step.Decision.Identity = new TokenIdentity { TokenId = tokenId, ClientId = 1, RateLimitPerMinute = ownLimit };
        return step;
    }
}
