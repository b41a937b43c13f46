using Gateway.Pipeline;
using Gateway.Proxy;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using System.Security.Claims;
using Yarp.ReverseProxy.Forwarder;

namespace Gateway.Tests.Proxy;

public sealed class ProxyGuardMiddlewareTests
{
    [Fact]
    public async Task Invoke_NoIdentity_401AndNotForwarded()
    {
        var step = new StepContext();

        await new ProxyGuardMiddleware(step.Next()).InvokeAsync(step.Http);

        Assert.False(step.NextCalled);
        Assert.Equal(401, step.Status);
        Assert.False(step.Decision.Forwarded);
    }

    [Fact]
    public async Task Invoke_Identity_ForwardedAndTimed()
    {
        var step = Authenticated();

        await new ProxyGuardMiddleware(step.Next()).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
        Assert.True(step.Decision.Forwarded);
        Assert.NotNull(step.Decision.UpstreamMilliseconds);
        Assert.Null(step.Decision.Refusal);
    }

    [Theory]
    [InlineData(ForwarderError.Request, 502, "upstream_error")]
    [InlineData(ForwarderError.ResponseHeaders, 502, "upstream_error")]
    [InlineData(ForwarderError.NoAvailableDestinations, 502, "upstream_error")]
    [InlineData(ForwarderError.RequestTimedOut, 504, "upstream_timeout")]
    [InlineData(ForwarderError.RequestBodyClient, 400, "bad_request")]
    public async Task Invoke_ForwardingFailed_RefusalOfDesign(ForwarderError error, int status, string reason)
    {
        var step = Authenticated();

        await new ProxyGuardMiddleware(step.Next(c => Fail(c, error))).InvokeAsync(step.Http);

        Assert.Equal(status, step.Status);
        Assert.Equal(reason, step.Decision.Refusal!.Reason);
        Assert.Equal("application/json; charset=utf-8", step.Http.Response.ContentType);
    }

    [Fact]
    public async Task Invoke_ClientWentAway_RecordedNothingWritten()
    {
        var step = Authenticated();

        await new ProxyGuardMiddleware(step.Next(c => Fail(c, ForwarderError.RequestCanceled))).InvokeAsync(step.Http);

        Assert.Equal(Refusal.ClientAborted, step.Decision.Refusal);
        Assert.Empty(step.Body);
    }

    private static StepContext Authenticated()
    {
        var step = new StepContext();
        step.Decision.Identity = new TokenIdentity { TokenId = 7, ClientId = 1 };
        step.Http.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("token_id", "7")], "ApiToken"));
        return step;
    }

    private static Task Fail(Microsoft.AspNetCore.Http.HttpContext context, ForwarderError error)
    {
        context.Features.Set<IForwarderErrorFeature>(new ErrorFeature(error));
        return Task.CompletedTask;
    }

    private sealed class ErrorFeature(ForwarderError error) : IForwarderErrorFeature
    {
        public ForwarderError Error => error;

        public Exception? Exception => null;
    }
}
