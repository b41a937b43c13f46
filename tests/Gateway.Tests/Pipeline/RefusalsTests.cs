using Gateway.Pipeline;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Pipeline;

/// <summary>The one refusal helper: the reason is recorded with the answer, and the answer carries what DESIGN §5 gives its status.</summary>
public sealed class RefusalsTests
{
    [Fact]
    public async Task WriteAsync_Unauthenticated_RecordsReasonAnd401WithChallenge()
    {
        var step = new StepContext();

        await Refusals.WriteAsync(step.Http, Refusal.UnknownToken);

        Assert.Equal(Refusal.UnknownToken, step.Decision.Refusal);
        Assert.Equal(401, step.Status);
        Assert.Equal("Bearer", step.Http.Response.Headers.WWWAuthenticate.ToString());
        Assert.Equal("{\"message\":\"Unauthenticated.\"}", step.Body);
        Assert.Equal("no-store", step.Http.Response.Headers.CacheControl.ToString());
        Assert.Equal("test-request", step.Http.Response.Headers["X-Request-Id"].ToString());
    }

    [Fact]
    public async Task WriteAsync_MethodNotAllowed_HasAllow()
    {
        var step = new StepContext("DELETE");

        await Refusals.WriteAsync(step.Http, Refusal.MethodNotAllowed);

        Assert.Equal(405, step.Status);
        Assert.Equal("GET, HEAD", step.Http.Response.Headers.Allow.ToString());
    }

    [Theory]
    [InlineData(0.2, "1")]
    [InlineData(41.5, "42")]
    public async Task WriteAsync_TooManyRequests_RetryAfterInWholeSecondsAtLeastOne(double seconds, string expected)
    {
        var step = new StepContext();

        await Refusals.WriteAsync(step.Http, Refusal.RateLimited, TimeSpan.FromSeconds(seconds));

        Assert.Equal(429, step.Status);
        Assert.Equal(expected, step.Http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task WriteAsync_ScopeMissing_NamesTheScope()
    {
        var step = new StepContext();

        await Refusals.WriteAsync(step.Http, Refusal.ScopeMissing, requiredScope: "dns:read");

        Assert.Equal("{\"message\":\"This token does not have the required scope.\",\"required_scope\":\"dns:read\"}", step.Body);
    }

    [Fact]
    public async Task WriteAsync_Head_HeadersWithoutBody()
    {
        var step = new StepContext("HEAD");

        await Refusals.WriteAsync(step.Http, Refusal.NotFound);

        Assert.Equal(404, step.Status);
        Assert.Empty(step.Body);
        Assert.Equal(Refusal.NotFound, step.Decision.Refusal);
    }

    [Fact]
    public async Task WriteAsync_SecondRefusal_FirstReasonStands()
    {
        var step = new StepContext();

        await Refusals.WriteAsync(step.Http, Refusal.ScopeMissing);
        Refusals.Record(step.Http, Refusal.ClientAborted);

        Assert.Equal(Refusal.ScopeMissing, step.Decision.Refusal);
    }

    [Fact]
    public void ForFrameworkStatus_KnownAndOtherStatuses()
    {
        Assert.Equal(Refusal.NotFound, Refusal.ForFrameworkStatus(404));
        Assert.Equal(Refusal.MethodNotAllowed, Refusal.ForFrameworkStatus(405));
        Assert.Equal(Refusal.ServerError, Refusal.ForFrameworkStatus(500));
        Assert.Equal(("bad_request", 413), (Refusal.ForFrameworkStatus(413).Reason, Refusal.ForFrameworkStatus(413).Status));
    }
}
