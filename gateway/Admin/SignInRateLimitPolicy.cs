using System.Threading.RateLimiting;
using Gateway.Cluster;
using Gateway.RateLimiting;
using Gateway.Staff;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>
/// Sign-in posts (passwords and MFA codes) per client address per minute (<c>Gateway:Admin:SignInAttemptsPerMinute</c>), on top of the per-account lockout. With
/// <c>Gateway:RateLimiting:Store = Redis</c> the windows are in Redis, so several instances allow one budget per
/// address between them, not one each; the Redis fallback of the token limits applies here too.
/// </summary>
public sealed class SignInRateLimitPolicy : IRateLimiterPolicy<string>, IDisposable
{
    private readonly SharedWindows<string> _windows;
    private readonly int _limit;

    public SignInRateLimitPolicy(
        IOptions<StaffOptions> staff,
        IOptions<RateLimitingOptions> options,
        RedisWindowCounter redis,
        IOptions<RedisOptions> redisOptions,
        TimeProvider time,
        ILogger<SignInRateLimitPolicy> logger)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redisOptions);
        _limit = staff.Value.SignInAttemptsPerMinute;
        var settings = options.Value;
        _windows = new SharedWindows<string>(
            TimeSpan.FromMinutes(1),
            settings.MaxTrackedClients,
            settings.Store == RateLimitStore.Redis ? redis : null,
            redisOptions.Value.OperationTimeout,
            settings.RedisFallback,
            time,
            logger);
    }

    /// <summary>The middleware's default: 429 (set in AdminExtensions).</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!HttpMethods.IsPost(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var address = httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.Get(address, key => new AddressLimiter(_windows, key, _limit));
    }

    public void Dispose() => _windows.Dispose();

    private sealed class AddressLimiter(SharedWindows<string> windows, string address, int limit) : RateLimiter
    {
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
            windows.IsDistributed ? DeferredLease.Instance : windows.Acquire(address, limit);

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
            (await windows.AcquireAsync(address, "signin:" + address, limit, cancellationToken)).Lease;
    }
}
