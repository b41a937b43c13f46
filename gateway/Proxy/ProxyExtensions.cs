using Gateway.Hosting;
using Gateway.Settings;
using Gateway.Usage;
using Microsoft.Extensions.Configuration.Json;

namespace Gateway.Proxy;

public static class ProxyExtensions
{
    /// <summary>YARP with routes and clusters from <c>yarp.json</c> (section <c>ReverseProxy</c>) and the gateway's transforms.</summary>
    public static IHostApplicationBuilder AddGatewayProxy(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.AddRoutesFile("yarp.json");
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

    /// <summary>
    /// Adds yarp.json just after the appsettings files, so environment variables and the command line can
    /// still override a value of it (e.g. <c>ReverseProxy__Clusters__billing__Destinations__primary__Address</c>).
    /// </summary>
    private static void AddRoutesFile(this IConfigurationManager configuration, string path)
    {
        var sources = configuration.Sources;
        var afterAppSettings = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } file } && file.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                afterAppSettings = i + 1;
            }
        }

        var routes = new JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = true };
        sources.Insert(afterAppSettings, routes);
    }

    public static WebApplication MapGatewayProxy(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapReverseProxy(proxy =>
        {
            proxy.UseMiddleware<ProxyGuardMiddleware>();
            proxy.UseMiddleware<LastUsedStampMiddleware>();
        }).WithMetadata(new ListenerMetadata(Listener.PublicName));
        return app;
    }
}
