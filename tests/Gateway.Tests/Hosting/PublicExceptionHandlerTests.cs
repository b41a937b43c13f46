using Gateway.Hosting;
using Gateway.Pipeline;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

public sealed class PublicExceptionHandlerTests
{
    [Fact]
    public async Task TryHandle_PublicListener_Json500RecordedAsServerError()
    {
        var step = new StepContext();

        var handled = await new PublicExceptionHandler().TryHandleAsync(step.Http, new InvalidOperationException(), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(500, step.Status);
        Assert.Equal("Server error.", step.Message);
        Assert.Equal(Refusal.ServerError, step.Decision.Refusal);
    }

    [Fact]
    public async Task TryHandle_AdminListener_LeftToTheAdminHandlers()
    {
        var step = new StepContext();
        step.Http.Features.Set(Listener.Admin);

        Assert.False(await new PublicExceptionHandler().TryHandleAsync(step.Http, new InvalidOperationException(), CancellationToken.None));
    }
}
