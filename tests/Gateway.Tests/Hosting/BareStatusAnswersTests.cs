using Gateway.Hosting;
using Gateway.Pipeline;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Tests.Hosting;

/// <summary>Bodiless framework answers on the public listener become recorded refusals in the API's JSON shape.</summary>
public sealed class BareStatusAnswersTests
{
    [Theory]
    [InlineData(404, "not_found", "Not found.")]
    [InlineData(405, "method_not_allowed", "Method not allowed.")]
    [InlineData(413, "bad_request", "Bad request.")]
    public async Task WriteAsync_PublicBareStatus_RecordedRefusalWithJsonBody(int status, string reason, string message)
    {
        var step = new StepContext();
        step.Http.Response.StatusCode = status;

        await BareStatusAnswers.WriteAsync(new StatusCodeContext(step.Http, new StatusCodePagesOptions(), step.Next()));

        Assert.Equal(reason, step.Decision.Refusal!.Reason);
        Assert.Equal(status, step.Status);
        Assert.Equal(message, step.Message);
    }
}
