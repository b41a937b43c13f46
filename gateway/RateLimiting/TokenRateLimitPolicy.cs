using System.Threading.RateLimiting;
using Gateway.Auth;
using Gateway.Hosting;
using Microsoft.AspNetCore.RateLimiting;

namespace Gateway.RateLimiting;

/// <summary>
/// The <c>per-token</c> policy routes name in yarp.json: partitioned by the authenticated token's id (never
/// by anything a client sends), limited by its own limit or the default. 429 with <c>Retry-After</c>.
/// </summary>
public sealed class TokenRateLimitPolicy(TokenRateLimiter limiter, IHttpContextAccessor requests) : IRateLimiterPolicy<(long TokenId, int Limit)>
{
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = async (context, _) =>
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (http.Features.Get<TokenAuthenticationFeature>() is { } auth)
        {
            auth.FailureReason = AuthFailureReason.RateLimited;
        }

        await ErrorResponses.WriteAsync(http, StatusCodes.Status429TooManyRequests, ErrorResponses.TooManyRequests);
    };

    public RateLimitPartition<(long TokenId, int Limit)> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var identity = httpContext.Features.Get<TokenAuthenticationFeature>()?.Identity;
        if (identity is null)
        {
            // Unreachable behind authorization; never let an unauthenticated request share a token's window.
            return RateLimitPartition.GetNoLimiter((0L, 0));
        }

        var key = (identity.TokenId, identity.RateLimitPerMinute ?? limiter.DefaultLimit);
        httpContext.Features.Set(new RateLimitFeature(key.TokenId, key.Item2));
        return RateLimitPartition.Get(key, k => new TableLimiter(limiter, requests, k.TokenId, k.Item2));
    }

    /// <summary>The middleware's view of one token's window; the window itself lives in <see cref="TokenRateLimiter"/>.</summary>
    private sealed class TableLimiter(TokenRateLimiter table, IHttpContextAccessor requests, long tokenId, int limit) : RateLimiter
    {
        // Stateless: the middleware may drop and recreate this view whenever it likes.
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

        public override RateLimiterStatistics? GetStatistics() => null;

        // The middleware tries this first and, when it is not acquired, awaits AcquireAsyncCore. A Redis window
        // needs a round trip, so the synchronous try defers to it.
        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
            table.IsDistributed ? DeferredLease.Instance : table.Acquire(tokenId, limit);

        // Shared by every request of the token, so the request's own feature comes from the accessor (this runs in
        // the request's flow): its headers then show the count this request got, not a neighbour's.
        protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            table.AcquireAsync(tokenId, limit, requests.HttpContext?.Features.Get<RateLimitFeature>(), cancellationToken);
    }
}
