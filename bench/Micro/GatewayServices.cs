using Gateway.Audit;
using Gateway.Auth;
using Gateway.Clients;
using Gateway.Cluster;
using Gateway.Data;
using Gateway.Hosting;
using Gateway.Portal;
using Gateway.Proxy;
using Gateway.RateLimiting;
using Gateway.Staff;
using Gateway.Tokens;
using Gateway.Usage;

namespace Gateway.Micro;

/// <summary>The gateway's services as the server composes them (Program.cs), on a throwaway store with one token.</summary>
public sealed class GatewayServices : IAsyncDisposable
{
    private readonly string _folder;

    private GatewayServices(WebApplication app, string token, string folder)
    {
        App = app;
        Token = token;
        _folder = folder;
    }

    public WebApplication App { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>A valid token (scope account:read, allowlist 127.0.0.1), already in the token cache.</summary>
    public string Token { get; }

    public static async Task<GatewayServices> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("gateway-micro-").FullName;
        var builder = WebApplication.CreateBuilder(GatewayHost.CreateOptions([
            $"--Gateway:Storage:DataPath={folder}",
            $"--Gateway:Audit:Path={Path.Combine(folder, "logs")}",
            "--Gateway:Proxy:Backends:billing:Value=Bearer micro",
            "--ReverseProxy:Clusters:billing:Destinations:primary:Address=http://127.0.0.1:9/",
            "--Gateway:RateLimiting:PermitsPerMinute=1000000",
            "--Logging:LogLevel:Default=Warning",
        ]));
        builder.AddGatewayHosting();
        builder.AddGatewayLogging();
        builder.AddGatewayAudit();
        builder.AddGatewayData();
        builder.AddGatewayTokens();
        builder.AddGatewayClients();
        builder.AddGatewayCluster();
        builder.AddGatewayStaff();
        builder.AddGatewayAuth();
        builder.AddGatewayRateLimiting();
        builder.AddGatewayUsage();
        builder.AddGatewayProxy();
        builder.AddGatewayPortal();
        var app = builder.Build();
        await app.Services.MigrateStoreAsync();
        string token;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(
                new TokenSpec { ClientId = 1, Name = "micro", Scopes = ["account:read"], AllowedIps = ["127.0.0.1"], RateLimitPerMinute = 1_000_000 },
                "micro");
            token = created.Plaintext;
        }

        await app.Services.GetRequiredService<TokenCache>().FindAsync(TokenFormat.HashForAudit(token), CancellationToken.None);
        // The metrics are exported (Prometheus) in the server: build the meter provider so instruments are listened to.
        _ = app.Services.GetService<OpenTelemetry.Metrics.MeterProvider>();
        return new GatewayServices(app, token, folder);
    }

    public async ValueTask DisposeAsync()
    {
        Services.GetRequiredService<AuditLog>().Dispose();
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
