using System.Globalization;
using Gateway.Pipeline;
using Microsoft.AspNetCore.RateLimiting;

namespace Gateway.RateLimiting;

/// <summary>
/// The rate limiter's step (DESIGN §2): a route whose <c>RateLimiterPolicy</c> is <c>per-token</c> takes one permit
/// from the authenticated token's window. The lease carries the window as this request counted it (here or in Redis),
/// which goes on the <see cref="RequestDecision"/> and into the <c>X-RateLimit-*</c> headers; over the limit, 429 with
/// <c>Retry-After</c>. One awaited acquire per request: no hidden state, no reliance on how a middleware calls a limiter.
/// </summary>
public sealed class TokenRateLimitMiddleware(RequestDelegate next, TokenRateLimiter limiter)
{
    private static readonly Func<object, Task> WriteHeadersOnStart = WriteHeaders;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var decision = RequestDecision.Of(context);
        // RouteContractFilter lets no route start with another policy; an unauthenticated request never gets here.
        if (decision.Identity is not { } identity
            || context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != RateLimitingOptions.TokenPolicy)
        {
            await next(context);
            return;
        }

        using var lease = await limiter.AcquireAsync(identity.TokenId, identity.RateLimitPerMinute ?? limiter.DefaultLimit, context.RequestAborted);
        decision.Limit = lease.Window;
        // As the response starts, so a backend's own headers of these names cannot stand in for them.
        context.Response.OnStarting(WriteHeadersOnStart, context);
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(System.Threading.RateLimiting.MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            await Refusals.WriteAsync(context, Refusal.RateLimited, retryAfter);
            return;
        }

        await next(context);
    }

    private static Task WriteHeaders(object state)
    {
        var context = (HttpContext)state;
        if (context.Features.Get<RequestDecision>()?.Limit is { } window)
        {
            var headers = context.Response.Headers;
            headers["X-RateLimit-Limit"] = window.Limit.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Remaining"] = window.Remaining.ToString(CultureInfo.InvariantCulture);
            headers["X-RateLimit-Reset"] = window.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        }

        return Task.CompletedTask;
    }
}
