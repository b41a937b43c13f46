using System.Diagnostics;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Features;

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

    [Fact]
    public async Task Invoke_NoRequestActivity_RandomTraceIdWithoutCreatingAnActivity()
    {
        var step = new StepContext();
        Activity? seen = null;
        var middleware = new RequestIdMiddleware(step.Next(_ =>
        {
            seen = Activity.Current;
            return Task.CompletedTask;
        }));

        await middleware.InvokeAsync(step.Http);
        var first = step.Http.TraceIdentifier;
        await middleware.InvokeAsync(step.Http);

        Assert.Null(seen);
        Assert.Matches("^[0-9a-f]{32}$", first);
        Assert.NotEqual("00000000000000000000000000000000", first);
        Assert.NotEqual(first, step.Http.TraceIdentifier);
    }

    [Fact]
    public async Task Invoke_RequestActivity_IdIsItsTraceId()
    {
        var step = new StepContext();
        using var activity = new Activity("Microsoft.AspNetCore.Hosting.HttpRequestIn").SetIdFormat(ActivityIdFormat.W3C).Start();
        step.Http.Features.Set<IHttpActivityFeature>(new ActivityFeature(activity));
        var middleware = new RequestIdMiddleware(step.Next());

        await middleware.InvokeAsync(step.Http);

        Assert.Equal(activity.TraceId.ToHexString(), step.Http.TraceIdentifier);
        Assert.Equal(activity.TraceId.ToHexString(), step.Http.Response.Headers["X-Request-Id"].ToString());
    }

    [Fact]
    public async Task Invoke_AmbientActivityThatIsNotTheRequests_NotAdopted()
    {
        // Only the request's own Activity counts: one that merely flowed in (a caller's, a background job's) does not.
        var step = new StepContext();
        using var ambient = new Activity("ambient").SetIdFormat(ActivityIdFormat.W3C).Start();
        var middleware = new RequestIdMiddleware(step.Next());

        await middleware.InvokeAsync(step.Http);

        Assert.NotEqual(ambient.TraceId.ToHexString(), step.Http.TraceIdentifier);
    }

    private sealed class ActivityFeature(Activity activity) : IHttpActivityFeature
    {
        public Activity Activity { get; set; } = activity;
    }
}
