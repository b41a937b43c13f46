using System.Net;
using Gateway.Hosting;
using Gateway.Pipeline;
using Gateway.RateLimiting;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Hosting;

public sealed class HttpsGuardMiddlewareTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly TokenFormat Format = new("opt_live_");

    [Fact]
    public async Task Invoke_Https_Passes()
    {
        var step = new StepContext();

        await Guard(step, Limiter()).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
    }

    [Fact]
    public async Task Invoke_PlainHttpWithValidToken_403AndTokenRevokedAsExposed()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var step = new StepContext(https: false).WithHeader("Authorization", "Bearer " + token.Plaintext);

        await Guard(step, Limiter()).InvokeAsync(step.Http);

        Assert.False(step.NextCalled);
        Assert.Equal(403, step.Status);
        Assert.Equal("HTTPS is required.", step.Message);
        Assert.Equal(Refusal.HttpsRequired, step.Decision.Refusal);
        Assert.Equal(token.Token.Id, step.Decision.Presented!.TokenId);
        Assert.Equal(TokenStatus.Revoked, (await gateway.Tokens.GetAsync(token.Token.Id))!.Status);
    }

    [Fact]
    public async Task Invoke_PlainHttpFromAddressOverLimit_NoStoreLookupForAnUnknownToken()
    {
        using var limiter = Limiter();
        limiter.RecordFailure(IPAddress.Parse("203.0.113.10"));
        var reads = gateway.StoreCommands.TokenReads;
        var step = new StepContext(https: false).WithHeader("Authorization", "Bearer " + Format.Generate());

        await Guard(step, limiter).InvokeAsync(step.Http);

        Assert.Equal(403, step.Status);
        Assert.Equal(reads, gateway.StoreCommands.TokenReads);
    }

    private FailedAuthLimiter Limiter() =>
        new(Options.Create(new RateLimitingOptions { FailedAuthPerMinute = 1 }), gateway.Services.GetRequiredService<TokenCache>(), TimeProvider.System);

    private HttpsGuardMiddleware Guard(StepContext step, FailedAuthLimiter limiter) => new(
        step.Next(),
        gateway.Services.GetRequiredService<TokenFormat>(),
        gateway.Services.GetRequiredService<TokenCache>(),
        gateway.Tokens,
        limiter,
        gateway.Services.GetRequiredService<IOptions<TokenOptions>>(),
        NullLogger<HttpsGuardMiddleware>.Instance);
}
