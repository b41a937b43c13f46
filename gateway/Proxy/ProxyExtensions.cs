using Gateway.Settings;

namespace Gateway.Proxy;

public static class ProxyExtensions
{
    /// <summary>YARP with routes and clusters from <c>yarp.json</c> (section <c>ReverseProxy</c>) and the gateway's transforms.</summary>
    public static IHostApplicationBuilder AddGatewayProxy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddBesideAppSettings("yarp.json");
        // In this gateway {id:long} and {id:int} take canonical ids only (CanonicalId), yarp.json's routes included.
        builder.Services.Configure<RouteOptions>(routes =>
        {
            routes.SetParameterPolicy<CanonicalLongRouteConstraint>("long");
            routes.SetParameterPolicy<CanonicalIntRouteConstraint>("int");
        });
        builder.Services.AddOptions<ProxyOptions>().BindSettings(ProxyOptions.Section).ValidateOnStart();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<RouteContractFilter>()
            .AddTransforms<GatewayTransformProvider>()
            // The gateway does not trace; without a propagator SocketsHttpHandler skips its diagnostics wrapper
            // on every forwarded request (bench/: less CPU per request).
            .ConfigureHttpClient((_, handler) => handler.ActivityHeadersPropagator = null);
        return builder;
    }
}
