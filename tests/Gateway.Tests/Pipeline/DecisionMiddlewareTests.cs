using Gateway.Pipeline;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Pipeline;

/// <summary>The first step: one record per public request, completed when the answer is done and handed to every observer once.</summary>
public sealed class DecisionMiddlewareTests
{
    private readonly Recorder _observer = new();

    [Fact]
    public async Task Invoke_PublicRequest_RecordCompletedAndObservedOnce()
    {
        var step = new StepContext("GET", "/api/v1/invoices", "::ffff:198.51.100.7").WithHeader("User-Agent", "sync/1.0");
        step.Http.Request.QueryString = new Microsoft.AspNetCore.Http.QueryString("?page=2");
        var middleware = new DecisionMiddleware(step.Next(c => Refusals.WriteAsync(c, Refusal.ScopeMissing)), [_observer], TimeProvider.System);

        await middleware.InvokeAsync(step.Http);

        var decision = Assert.Single(_observer.Seen);
        Assert.Same(decision, step.Http.Features.Get<RequestDecision>());
        Assert.Equal(Refusal.ScopeMissing, decision.Refusal);
        Assert.Equal(403, decision.Status);
        Assert.Equal("198.51.100.7", decision.ClientIp!.ToString());
        Assert.Equal(("GET", "/api/v1/invoices", "?page=2", "sync/1.0"), (decision.Method, decision.Path, decision.Query, decision.UserAgent));
        Assert.Equal("test-request", decision.RequestId);
        Assert.True(decision.DurationMs >= 0);
    }

    [Theory]
    [InlineData("GET", "/healthz")]
    [InlineData("HEAD", "/HEALTHZ")]
    public async Task Invoke_LivenessProbe_NeitherRecordedNorObserved(string method, string path)
    {
        var step = new StepContext(method, path);
        var middleware = new DecisionMiddleware(step.Next(), [_observer], TimeProvider.System);

        await middleware.InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
        Assert.Empty(_observer.Seen);
        Assert.Null(step.Http.Features.Get<RequestDecision>());
    }

    [Fact]
    public async Task Invoke_PostToHealthz_IsObserved()
    {
        var step = new StepContext("POST", "/healthz");
        var middleware = new DecisionMiddleware(step.Next(), [_observer], TimeProvider.System);

        await middleware.InvokeAsync(step.Http);

        Assert.Single(_observer.Seen);
    }

    [Fact]
    public async Task Invoke_AdminListener_NotObserved()
    {
        var step = new StepContext("GET", "/tokens");
        step.Http.Features.Set(Gateway.Hosting.Listener.Admin);
        var middleware = new DecisionMiddleware(step.Next(), [_observer], TimeProvider.System);

        await middleware.InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
        Assert.Empty(_observer.Seen);
    }

    [Fact]
    public async Task Invoke_ExceptionEscapes_RecordedAsServerErrorAndRethrown()
    {
        var step = new StepContext();
        var middleware = new DecisionMiddleware(_ => throw new InvalidOperationException("boom"), [_observer], TimeProvider.System);

        await Assert.ThrowsAsync<InvalidOperationException>(() => middleware.InvokeAsync(step.Http));

        Assert.Equal(Refusal.ServerError, Assert.Single(_observer.Seen).Refusal);
    }

    private sealed class Recorder : IRequestDecisionObserver
    {
        public List<RequestDecision> Seen { get; } = [];

        public ValueTask CompletedAsync(RequestDecision decision)
        {
            Seen.Add(decision);
            return default;
        }
    }
}
