using System.Threading.RateLimiting;
using Gateway.Cluster;
using Gateway.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using PortalUi;

namespace Gateway.Portal;

/// <summary>
/// Portal actions — every post, and every start of a sign-in — per signed-in client and per client address per minute
/// (<c>Gateway:Portal:ActionsPerMinutePerClient</c>, <c>…PerAddress</c>), with the token limits' store: in Redis when
/// <c>Gateway:RateLimiting:Store = Redis</c>, so all instances share one budget. Reading pages is not limited.
/// </summary>
public sealed class PortalRateLimitPolicy : IRateLimiterPolicy<string>, IDisposable
{
    public const string Name = "portal";

    private readonly SharedWindows<string> _windows;
    private readonly IOptions<PortalOptions> _portal;

    public PortalRateLimitPolicy(
        IOptions<PortalOptions> portal,
        IOptions<RateLimitingOptions> options,
        RedisWindowCounter redis,
        IOptions<RedisOptions> redisOptions,
        TimeProvider time,
        ILogger<PortalRateLimitPolicy> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(redisOptions);
        _portal = portal;
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

    /// <summary>The middleware's default: 429 (set in AdminExtensions), answered as JSON by the public listener's status pages.</summary>
    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var signingIn = httpContext.Request.Path.StartsWithSegments(PortalAuth.SignInPath, StringComparison.OrdinalIgnoreCase);
        if (HttpMethods.IsGet(httpContext.Request.Method) && !signingIn || HttpMethods.IsHead(httpContext.Request.Method))
        {
            return RateLimitPartition.GetNoLimiter("read");
        }

        var address = httpContext.Connection.RemoteIpAddress is { } ip ? (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString() : "unknown";
        var client = PortalAuth.ClientId(httpContext.User);
        var key = client is { } id ? $"{address}|{id}" : address;
        var settings = _portal.Value;
        return RateLimitPartition.Get(key, _ => new PortalLimiter(_windows, address, client, settings.ActionsPerMinutePerAddress, settings.ActionsPerMinutePerClient));
    }

    public void Dispose() => _windows.Dispose();

    /// <summary>One permit from the address's window and, when signed in, one from the client's: both must have room.</summary>
    private sealed class PortalLimiter(SharedWindows<string> windows, string address, long? client, int perAddress, int perClient) : RateLimiter
    {
        public override TimeSpan? IdleDuration => TimeSpan.MaxValue;

        public override RateLimiterStatistics? GetStatistics() => null;

        protected override RateLimitLease AttemptAcquireCore(int permitCount)
        {
            if (windows.IsDistributed)
            {
                return DeferredLease.Instance;
            }

            var byAddress = windows.Acquire("ip:" + address, perAddress);
            if (!byAddress.IsAcquired || client is not { } id)
            {
                return byAddress;
            }

            return windows.Acquire("client:" + id, perClient);
        }

        protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
        {
            var (byAddress, _) = await windows.AcquireAsync("ip:" + address, "portal:ip:" + address, perAddress, cancellationToken);
            if (!byAddress.IsAcquired || client is not { } id)
            {
                return byAddress;
            }

            return (await windows.AcquireAsync("client:" + id, "portal:client:" + id, perClient, cancellationToken)).Lease;
        }
    }
}
