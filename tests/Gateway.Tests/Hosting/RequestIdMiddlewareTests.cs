using Gateway.Hosting;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

public sealed class RequestIdMiddlewareTests
{
    [Fact]
    public async Task Invoke_ClientSentAnId_FreshIdOnRequestAndAnswer()
    {
        var step = new StepContext().WithHeader("X-Request-Id", "client-chosen");
        var middleware = new RequestIdMiddleware(step.Next());

        await middleware.InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
        Assert.Matches("^[0-9a-f]{32}$", step.Http.TraceIdentifier);
        Assert.Equal(step.Http.TraceIdentifier, step.Http.Response.Headers["X-Request-Id"].ToString());
    }
}
