using System.Net;
using Gateway.Pipeline;
using Gateway.RateLimiting;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.RateLimiting;

/// <summary>The failed-auth limiter's step and its count, each on its own (the token cache is the gateway's own).</summary>
public sealed class FailedAuthGuardMiddlewareTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Address = "192.0.2.50";
    private static readonly TokenFormat Format = new("opt_live_");

    [Fact]
    public async Task Invoke_AddressUnderLimit_Passes()
    {
        using var limiter = Limiter(2);
        limiter.RecordFailure(IPAddress.Parse(Address));
        var step = new StepContext(peer: Address);

        await Guard(limiter, step).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
    }

    [Fact]
    public async Task Invoke_AddressOverLimit_429WithRetryAfterAndNoLookup()
    {
        using var limiter = Over(Limiter(2));
        var step = new StepContext(peer: Address).WithHeader("Authorization", "Bearer " + Format.Generate());

        await Guard(limiter, step).InvokeAsync(step.Http);

        Assert.False(step.NextCalled);
        Assert.Equal(429, step.Status);
        Assert.Equal(Refusal.AuthRateLimited, step.Decision.Refusal);
        Assert.InRange(int.Parse(step.Http.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    [Fact]
    public async Task Invoke_AddressOverLimit_TokenSeenValid_Passes()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await gateway.Services.GetRequiredService<TokenCache>().FindAsync(TokenFormat.HashForAudit(token.Plaintext), CancellationToken.None);
        using var limiter = Over(Limiter(2));
        var step = new StepContext(peer: Address).WithHeader("Authorization", "Bearer " + token.Plaintext);

        await Guard(limiter, step).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
    }

    [Fact]
    public async Task Invoke_AddressOverLimit_PageNeedingNoToken_Passes()
    {
        using var limiter = Over(Limiter(2));
        var step = new StepContext("GET", "/docs", Address);
        step.Http.SetEndpoint(new Endpoint(null, new EndpointMetadataCollection(new AllowAnonymousAttribute()), "docs"));

        await Guard(limiter, step).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
    }

    [Fact]
    public async Task Completed_UnauthenticatedRefusalsOfTheClient_CountAgainstTheAddress()
    {
        using var limiter = Limiter(3);
        foreach (var refusal in new[] { Refusal.MissingToken, Refusal.NotFound, Refusal.MethodNotAllowed })
        {
            await limiter.CompletedAsync(Decided(refusal, identified: false));
        }

        Assert.True(limiter.IsBlocked(IPAddress.Parse(Address)));
    }

    [Fact]
    public async Task Completed_GatewayTroubleOrIdentifiedToken_DoesNotCount()
    {
        using var limiter = Limiter(1);
        await limiter.CompletedAsync(Decided(Refusal.StoreUnavailable, identified: false));
        await limiter.CompletedAsync(Decided(Refusal.UpstreamUnavailable, identified: true));
        await limiter.CompletedAsync(Decided(Refusal.ScopeMissing, identified: true));
        await limiter.CompletedAsync(Decided(null, identified: false));

        Assert.False(limiter.IsBlocked(IPAddress.Parse(Address)));
    }

    [Fact]
    public void IsBlocked_IPv6_CountedPerSlash64AndMappedIPv4AsIPv4()
    {
        using var limiter = Limiter(1);
        limiter.RecordFailure(IPAddress.Parse("2001:db8:1:2::1"));
        limiter.RecordFailure(IPAddress.Parse("::ffff:192.0.2.9"));

        Assert.True(limiter.IsBlocked(IPAddress.Parse("2001:db8:1:2:ffff::9")));
        Assert.False(limiter.IsBlocked(IPAddress.Parse("2001:db8:1:3::1")));
        Assert.True(limiter.IsBlocked(IPAddress.Parse("192.0.2.9")));
    }

    private FailedAuthLimiter Limiter(int limit) =>
        new(Options.Create(new RateLimitingOptions { FailedAuthPerMinute = limit }), gateway.Services.GetRequiredService<TokenCache>(), TimeProvider.System);

    private static FailedAuthLimiter Over(FailedAuthLimiter limiter)
    {
        for (var i = 0; i < 2; i++)
        {
            limiter.RecordFailure(IPAddress.Parse(Address));
        }

        return limiter;
    }

    private FailedAuthGuardMiddleware Guard(FailedAuthLimiter limiter, StepContext step) =>
        new(step.Next(), limiter, gateway.Services.GetRequiredService<TokenFormat>());

    private static RequestDecision Decided(Refusal? refusal, bool identified)
    {
        var decision = new RequestDecision(DateTimeOffset.UtcNow) { ClientIp = IPAddress.Parse(Address) };
        if (identified)
        {
            decision.Identity = new TokenIdentity { TokenId = 1, ClientId = 1 };
        }

        if (refusal is not null)
        {
            decision.Refuse(refusal);
        }

        return decision;
    }
}
