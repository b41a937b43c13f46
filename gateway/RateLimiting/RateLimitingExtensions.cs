using Gateway.Settings;

namespace Gateway.RateLimiting;

public static class RateLimitingExtensions
{
    /// <summary>The platform rate limiter with the <c>per-token</c> policy, and the failed-authentication guard.</summary>
    public static IHostApplicationBuilder AddGatewayRateLimiting(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RateLimitingOptions>()
            .BindSettings(RateLimitingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<TokenRateLimiter>();
        builder.Services.AddSingleton<FailedAuthLimiter>();
        builder.Services.AddSingleton<TokenRateLimitPolicy>();
        builder.Services.AddRateLimiter(options =>
            options.AddPolicy<(long, int), TokenRateLimitPolicy>(RateLimitingOptions.TokenPolicy));
        return builder;
    }

    /// <summary>After authorization: the headers that report the window (429s included), then the route's policy.</summary>
    public static WebApplication UseGatewayRateLimiting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RateLimitHeadersMiddleware>();
        app.UseRateLimiter();
        return app;
    }
}
