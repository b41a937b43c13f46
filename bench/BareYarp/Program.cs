using Yarp.ReverseProxy.Configuration;

// HTTPS comes from standard Kestrel configuration (Kestrel:Endpoints:...), like the gateway's;
// the upstream from "Upstream" (e.g. --Upstream=http://127.0.0.1:18080/).
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var upstream = builder.Configuration["Upstream"] ?? "http://127.0.0.1:18080/";
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "upstream", Match = new RouteMatch { Path = "/{**rest}" } }],
    [new ClusterConfig
    {
        ClusterId = "upstream",
        Destinations = new Dictionary<string, DestinationConfig> { ["primary"] = new() { Address = upstream } },
    }]);
var app = builder.Build();
app.MapReverseProxy();
await app.RunAsync();
