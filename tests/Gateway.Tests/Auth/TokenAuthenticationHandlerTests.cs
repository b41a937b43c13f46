using Gateway.Auth;
using Gateway.Clients;
using Gateway.Pipeline;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Auth;

/// <summary>Bearer authentication on its own: what it writes on the decision record, and the one answer its challenge gives.</summary>
public sealed class TokenAuthenticationHandlerTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly TokenFormat Format = new("opt_live_");

    [Fact]
    public async Task Authenticate_ValidToken_IdentityOnRecord()
    {
        var token = await gateway.CreateTokenAsync(5, ScopeCatalog.AccountRead);
        var step = Step("Bearer " + token.Plaintext);

        var result = await step.Http.AuthenticateAsync(TokenAuthenticationDefaults.Scheme);

        Assert.True(result.Succeeded);
        Assert.Equal(token.Token.Id, step.Decision.Identity!.TokenId);
        Assert.Equal(5, step.Decision.Identity.ClientId);
        Assert.Equal(TokenFormat.HashForAudit(token.Plaintext), step.Decision.HashedToken);
        Assert.Null(step.Decision.AuthenticationFailure);
        Assert.Contains(result.Principal!.Claims, c => c.Type == GatewayClaims.Scope && c.Value == ScopeCatalog.AccountRead);
    }

    [Fact]
    public async Task Authenticate_RevokedToken_PresentedButNotAuthenticated()
    {
        var token = await gateway.CreateTokenAsync(5, ScopeCatalog.AccountRead);
        await gateway.Tokens.RevokeAsync(token.Token.Id, "test", null);
        var step = Step("Bearer " + token.Plaintext);

        var result = await step.Http.AuthenticateAsync(TokenAuthenticationDefaults.Scheme);

        Assert.False(result.Succeeded);
        Assert.Null(step.Decision.Identity);
        Assert.Equal(token.Token.Id, step.Decision.Presented!.TokenId);
        Assert.Equal(Refusal.RevokedToken, step.Decision.AuthenticationFailure);
    }

    [Fact]
    public async Task Authenticate_SuspendedClient_ClientSuspendedAndNotChargedToTheAddress()
    {
        var token = await gateway.CreateTokenAsync(7, ScopeCatalog.AccountRead);
        await gateway.Services.GetRequiredService<ClientService>().SuspendAsync(7, "test", "unpaid");
        var step = Step("Bearer " + token.Plaintext);

        var result = await step.Http.AuthenticateAsync(TokenAuthenticationDefaults.Scheme);

        Assert.False(result.Succeeded);
        Assert.Null(step.Decision.Identity);
        Assert.Equal(Refusal.ClientSuspended, step.Decision.AuthenticationFailure);
        // A real token of a suspended client is not a guess: it must not push a shared address towards its limit.
        step.Decision.Refuse(step.Decision.AuthenticationFailure!);
        Assert.False(step.Decision.CountsAgainstAddress);
    }

    [Fact]
    public async Task Authenticate_ClosedClientBeforeItsRevocationLands_ClientClosed()
    {
        // Closing revokes every token at once; this is the moment between the state change and the revocation.
        var token = await gateway.CreateTokenAsync(8, ScopeCatalog.AccountRead);
        await gateway.Services.GetRequiredService<ClientService>().SuspendAsync(8, "test", null);
        await gateway.Store.ExecuteAsync(gateway.DataPath, "UPDATE clients SET \"State\" = 'Closed' WHERE \"ClientId\" = @id", ("id", 8L));
        var step = Step("Bearer " + token.Plaintext);

        var result = await step.Http.AuthenticateAsync(TokenAuthenticationDefaults.Scheme);

        Assert.False(result.Succeeded);
        Assert.Equal(Refusal.ClientClosed, step.Decision.AuthenticationFailure);
    }

    [Theory]
    [InlineData(null, "missing_token")]
    [InlineData("Basic abc", "malformed_token")]
    [InlineData("Bearer opt_live_short", "malformed_token")]
    [InlineData("Bearer {unknown}", "unknown_token")]
    public async Task Challenge_AnyFailure_One401AndTheReasonOnRecord(string? authorization, string reason)
    {
        var step = Step(authorization?.Replace("{unknown}", Format.Generate(), StringComparison.Ordinal));

        await step.Http.AuthenticateAsync(TokenAuthenticationDefaults.Scheme);
        await step.Http.ChallengeAsync(TokenAuthenticationDefaults.Scheme);

        Assert.Equal(401, step.Status);
        Assert.Equal("Bearer", step.Http.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal("Unauthenticated.", step.Message);
        Assert.Equal(reason, step.Decision.Refusal!.Reason);
    }

    private StepContext Step(string? authorization)
    {
        var step = new StepContext();
        step.Http.RequestServices = gateway.Services.CreateScope().ServiceProvider;
        if (authorization is not null)
        {
            step.WithHeader("Authorization", authorization);
        }

        return step;
    }
}
