using System.Globalization;

namespace Gateway.RateLimiting;

/// <summary>
/// Adds <c>X-RateLimit-Limit/Remaining/Reset</c> (reset in epoch seconds) to every answer that counted
/// against a token's window. Written as the response starts, so a backend's own headers of that name
/// cannot replace them.
/// </summary>
public sealed class RateLimitHeadersMiddleware(RequestDelegate next, TokenRateLimiter limiter)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The window is known only once the limiter has partitioned the request, so look at start time.
        context.Response.OnStarting(() =>
        {
            if (context.Features.Get<RateLimitFeature>() is { } window)
            {
                var snapshot = window.Counted ?? limiter.Snapshot(window.TokenId, window.Limit);
                var headers = context.Response.Headers;
                headers["X-RateLimit-Limit"] = snapshot.Limit.ToString(CultureInfo.InvariantCulture);
                headers["X-RateLimit-Remaining"] = snapshot.Remaining.ToString(CultureInfo.InvariantCulture);
                headers["X-RateLimit-Reset"] = snapshot.Reset.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });

        return next(context);
    }
}
