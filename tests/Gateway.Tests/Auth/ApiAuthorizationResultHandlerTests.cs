using Gateway.Auth;
using Gateway.Pipeline;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Gateway.Tests.Auth;

public sealed class ApiAuthorizationResultHandlerTests
{
    private static readonly AuthorizationPolicy Policy = new AuthorizationPolicyBuilder().RequireAssertion(_ => true).Build();

    [Fact]
    public async Task Handle_ScopeFailed_403NamingTheScope()
    {
        var step = new StepContext();

        await new ApiAuthorizationResultHandler().HandleAsync(step.Next(), step.Http, Policy,
            PolicyAuthorizationResult.Forbid(AuthorizationFailure.Failed([new ScopeRequirement("dns:read")])));

        Assert.False(step.NextCalled);
        Assert.Equal(403, step.Status);
        Assert.Equal(Refusal.ScopeMissing, step.Decision.Refusal);
        Assert.Contains("\"required_scope\":\"dns:read\"", step.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_AllowlistAndScopeFailed_AllowlistAnswerFirst()
    {
        var step = new StepContext();

        await new ApiAuthorizationResultHandler().HandleAsync(step.Next(), step.Http, Policy,
            PolicyAuthorizationResult.Forbid(AuthorizationFailure.Failed([new ScopeRequirement("dns:read"), new IpAllowlistRequirement()])));

        Assert.Equal(Refusal.IpNotAllowed, step.Decision.Refusal);
        Assert.Equal("This IP address is not allowed to use this token.", step.Message);
    }

    [Fact]
    public async Task Handle_Success_Continues()
    {
        var step = new StepContext();

        await new ApiAuthorizationResultHandler().HandleAsync(step.Next(), step.Http, Policy, PolicyAuthorizationResult.Success());

        Assert.True(step.NextCalled);
        Assert.Null(step.Decision.Refusal);
    }
}
