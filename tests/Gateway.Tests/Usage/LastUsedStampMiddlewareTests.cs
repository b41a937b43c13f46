using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Gateway.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Usage;

public sealed class LastUsedStampMiddlewareTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Invoke_Identity_StampedInMemoryAndPassedOn()
    {
        var recorder = NewRecorder();
        var step = new StepContext();
        step.Decision.Identity = new TokenIdentity { TokenId = 987_654, ClientId = 1 };

        await new LastUsedStampMiddleware(step.Next(), recorder).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
        Assert.Equal(1, recorder.Pending);
    }

    // A recorder of its own: the gateway's is flushed in the background.
    private LastUsedRecorder NewRecorder() => new(
        gateway.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<global::Gateway.Data.GatewayDbContext>>(),
        TimeProvider.System,
        Microsoft.Extensions.Logging.Abstractions.NullLogger<LastUsedRecorder>.Instance);

    [Fact]
    public async Task Invoke_NoIdentity_NothingStamped()
    {
        var recorder = NewRecorder();
        var step = new StepContext();

        await new LastUsedStampMiddleware(step.Next(), recorder).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
        Assert.Equal(0, recorder.Pending);
    }
}
