using System.Diagnostics;
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
        var tracing = Gateway.Telemetry.TelemetryOptions.From(builder.Configuration).Otlp.ExportsTraces;
        builder.Services.AddOptions<ProxyOptions>().BindSettings(ProxyOptions.Section).ValidateOnStart();
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<RouteContractFilter>()
            .AddTransforms<GatewayTransformProvider>()
            // Without a propagator SocketsHttpHandler skips its diagnostics wrapper on every forwarded request (bench/:
            // less CPU per request): no client span and no traceparent unless traces are exported. When they are, the
            // backend gets the gateway's own W3C trace context (a caller's was removed with the inbound headers).
            .ConfigureHttpClient((_, handler) => handler.ActivityHeadersPropagator = tracing ? DistributedContextPropagator.CreateW3CPropagator() : null);
        return builder;
    }
}
