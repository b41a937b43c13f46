using Gateway.Pipeline;
using Gateway.Proxy;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Tests.Proxy;

public sealed class MethodGuardMiddlewareTests
{
    [Theory]
    [InlineData("GET")]
    [InlineData("HEAD")]
    public async Task Invoke_ReadWithoutBody_Passes(string method)
    {
        var step = new StepContext(method);

        await new MethodGuardMiddleware(step.Next()).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
        Assert.Null(step.Decision.Refusal);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("DELETE")]
    [InlineData("get")]
    [InlineData("OPTIONS")]
    public async Task Invoke_OtherMethodOnApiPath_Is405(string method)
    {
        var step = new StepContext(method, "/api/v1/anything");

        await new MethodGuardMiddleware(step.Next()).InvokeAsync(step.Http);

        Assert.False(step.NextCalled);
        Assert.Equal(405, step.Status);
        Assert.Equal(Refusal.MethodNotAllowed, step.Decision.Refusal);
    }

    [Fact]
    public async Task Invoke_OtherMethodOutsideTheApi_IsLeftToRouting()
    {
        var step = new StepContext("POST", "/docs");

        await new MethodGuardMiddleware(step.Next()).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
    }

    [Fact]
    public async Task Invoke_ContentLength_Is400()
    {
        var step = new StepContext();
        step.Http.Request.ContentLength = 15;

        await new MethodGuardMiddleware(step.Next()).InvokeAsync(step.Http);

        Assert.False(step.NextCalled);
        Assert.Equal(Refusal.BodyNotAllowed, step.Decision.Refusal);
        Assert.Equal("GET and HEAD requests must not have a body.", step.Message);
    }

    [Fact]
    public async Task Invoke_Chunked_Is400()
    {
        var step = new StepContext().WithHeader("Transfer-Encoding", "chunked");

        await new MethodGuardMiddleware(step.Next()).InvokeAsync(step.Http);

        Assert.Equal(400, step.Status);
    }

    [Fact]
    public async Task Invoke_StreamMayCarryDataWithoutLength_Is400()
    {
        // HTTP/2 DATA frames with neither content-length nor chunked: the server says the stream can have a body.
        var step = new StepContext("HEAD");
        step.Http.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(true));

        await new MethodGuardMiddleware(step.Next()).InvokeAsync(step.Http);

        Assert.False(step.NextCalled);
        Assert.Equal(400, step.Status);
    }

    [Fact]
    public async Task Invoke_ZeroContentLengthAndNoBody_Passes()
    {
        var step = new StepContext();
        step.Http.Request.ContentLength = 0;
        step.Http.Features.Set<IHttpRequestBodyDetectionFeature>(new BodyDetection(false));

        await new MethodGuardMiddleware(step.Next()).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
    }

    private sealed class BodyDetection(bool canHaveBody) : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => canHaveBody;
    }
}
