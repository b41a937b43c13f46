using System.Threading.RateLimiting;
using Gateway.Pipeline;
using Gateway.Settings;

namespace Gateway.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>The per-token limiter (the <c>per-token</c> policy routes name) and the failed-auth limiter.</summary>
    public static IHostApplicationBuilder AddGatewayRateLimiting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RateLimitingOptions>()
            .BindSettings(RateLimitingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<TokenRateLimiter>();
        builder.Services.AddSingleton<FailedAuthLimiter>();
        builder.Services.AddSingleton<IRequestDecisionObserver>(sp => sp.GetRequiredService<FailedAuthLimiter>());
        // YARP checks a route's RateLimiterPolicy against ASP.NET Core's rate limiter options, so the name is known
        // there; the limit itself is taken by TokenRateLimitMiddleware, which must hold the lease to report its window
        // (the framework's middleware does not hand leases on). This entry limits nothing if ever run.
        builder.Services.AddRateLimiter(options =>
            options.AddPolicy(RateLimitingOptions.TokenPolicy, _ => RateLimitPartition.GetNoLimiter(0)));
        return builder;
    }
}
