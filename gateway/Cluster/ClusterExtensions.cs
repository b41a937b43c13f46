using Gateway.RateLimiting;
using Gateway.Sessions;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Cluster;

public static class ClusterExtensions
{
    /// <summary>
    /// Redis for several instances (DESIGN §7): shared rate-limit windows, token-change and session-end messages. Everything is
    /// registered; what is used follows <c>Gateway:Redis:Configuration</c> and <c>Gateway:RateLimiting:Store</c>
    /// when the services are first resolved. The CLI registers this too, so its changes reach running instances.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayRedis(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<RedisOptions>()
            .BindConfiguration(RedisOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<RateLimitingOptions>, RedisStoreNeedsRedis>();
        builder.Services.AddSingleton<RedisConnection>();
        builder.Services.AddSingleton<RedisWindowCounter>();
        builder.Services.AddSingleton(InstanceId.New());
        builder.Services.AddSingleton<ITokenChangeBroadcast>(services =>
            services.GetRequiredService<IOptions<RedisOptions>>().Value.IsConfigured
                ? ActivatorUtilities.CreateInstance<RedisTokenChangeBroadcast>(services)
                : new NoTokenChangeBroadcast());
        builder.Services.AddSingleton<ISessionBroadcast>(services =>
            services.GetRequiredService<IOptions<RedisOptions>>().Value.IsConfigured
                ? ActivatorUtilities.CreateInstance<RedisSessionBroadcast>(services)
                : new NoSessionBroadcast());
        return builder;
    }

    /// <summary>The server's part: listening for other instances' token changes and ended sessions.</summary>
    public static IHostApplicationBuilder AddGatewayCluster(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddGatewayRedis();
        builder.Services.AddSingleton<TokenChangeSubscriber>();
        builder.Services.AddHostedService(services => services.GetRequiredService<TokenChangeSubscriber>());
        builder.Services.AddHostedService<SessionEndSubscriber>();
        builder.Services.AddHealthChecks().AddCheck<RedisReadyCheck>("redis", tags: [Gateway.Hosting.HostingExtensions.ReadyTag]);
        return builder;
    }

    private sealed class RedisStoreNeedsRedis(IOptions<RedisOptions> redis) : IValidateOptions<RateLimitingOptions>
    {
        public ValidateOptionsResult Validate(string? name, RateLimitingOptions options) =>
            options.Store == RateLimitStore.Redis && !redis.Value.IsConfigured
                ? ValidateOptionsResult.Fail("Gateway:RateLimiting:Store is Redis, so Gateway:Redis:Configuration must name the Redis server.")
                : ValidateOptionsResult.Success;
    }
}
