using Gateway.Pipeline;

namespace Gateway.Usage;

/// <summary>Stamps the token as used, in memory, for a request that is about to be forwarded.</summary>
public sealed class LastUsedStampMiddleware(RequestDelegate next, LastUsedRecorder recorder)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Features.Get<RequestDecision>()?.Identity is { } identity)
        {
            recorder.Record(identity.TokenId, context.Connection.RemoteIpAddress);
        }

        return next(context);
    }
}
