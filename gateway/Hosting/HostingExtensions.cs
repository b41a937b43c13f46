using Gateway.Data;
using Gateway.Settings;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

public static class HostingExtensions
{
    /// <summary>
    /// Kestrel as DESIGN §3 wants it: listeners from the standard <c>Kestrel:Endpoints</c> configuration,
    /// TLS 1.2/1.3 with ECDHE+AEAD suites only (<see cref="TlsPolicy"/>), a generated certificate when none is
    /// configured, certificates reloaded when their files change (<see cref="ServerCertificates"/>), no
    /// <c>Server</c> header, HSTS.
    /// </summary>
    public static WebApplicationBuilder AddGatewayHosting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Tag each connection with its listener (Kestrel:Endpoints:Admin is the admin one; every other
            // endpoint is public) so routing can keep the two surfaces apart by socket. Both named listeners
            // serve their certificate from its files, reloaded when they change (no restart).
            kestrel.Configure(configuration.GetSection("Kestrel"), reloadOnChange: true)
                .Endpoint("Public", endpoint => kestrel.ApplicationServices.GetRequiredService<ServerCertificates>().Configure(endpoint, configuration))
                .Endpoint("Admin", endpoint =>
                {
                    endpoint.ListenOptions.Use(TagConnections(Listener.Admin));
                    kestrel.ApplicationServices.GetRequiredService<ServerCertificates>().Configure(endpoint, configuration);
                });
            kestrel.ConfigureHttpsDefaults(https =>
            {
                https.SslProtocols = TlsPolicy.Protocols;
                https.OnAuthenticate = (_, ssl) => TlsPolicy.Apply(ssl);
                // Certificates named in configuration (Kestrel:Certificates:Default or per endpoint) win.
                if (NeedsGeneratedCertificate(configuration))
                {
                    var storage = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
                    var logger = kestrel.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SelfSignedCertificate));
                    https.ServerCertificate = SelfSignedCertificate.LoadOrCreate(storage.FullDataPath, TimeProvider.System, logger);
                }
            });
        });

        builder.Services.AddSingleton<ServerCertificates>();
        // Under systemd (Type=notify, deploy/systemd): READY=1 once the listeners are bound, STOPPING=1 on SIGTERM.
        // Outside systemd this registers nothing.
        builder.Services.AddSystemd();
        builder.Services.AddHsts(hsts =>
        {
            hsts.MaxAge = TimeSpan.FromDays(365);
            // Sent on every HTTPS answer, loopback included: browsers ignore it for IP addresses anyway.
            hsts.ExcludedHosts.Clear();
        });
        builder.Services.AddOptions<TrustedProxyOptions>().BindSettings(TrustedProxyOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>();
        builder.Services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersSetup>();
        builder.Services.AddHealthChecks()
            .AddCheck<StoreReadyCheck>("store", tags: [ReadyTag])
            .AddCheck<BackendReadyCheck>("backend", tags: [ReadyTag])
            .AddCheck<AuditReadyCheck>("audit", tags: [ReadyTag]);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<PublicExceptionHandler>();
        builder.Services.AddSingleton<MatcherPolicy, ListenerMatcherPolicy>();
        return builder;
    }

    private static Func<Microsoft.AspNetCore.Connections.ConnectionDelegate, Microsoft.AspNetCore.Connections.ConnectionDelegate> TagConnections(Listener listener) =>
        next => connection =>
        {
            connection.Features.Set(listener);
            return next(connection);
        };

    /// <summary>True when some HTTPS endpoint has no certificate of its own and there is no default one.</summary>
    private static bool NeedsGeneratedCertificate(ConfigurationManager configuration) =>
        !configuration.GetSection("Kestrel:Certificates:Default").Exists()
        && configuration.GetSection("Kestrel:Endpoints").GetChildren().Any(endpoint =>
            endpoint["Url"]?.StartsWith("https:", StringComparison.OrdinalIgnoreCase) == true
            && !endpoint.GetSection("Certificate").Exists());

    /// <summary>
    /// Forwarded headers from trusted proxies only: the platform's middleware with no known proxies would trust every
    /// peer, so it runs only when some are configured (<see cref="TrustedProxyOptions"/>).
    /// </summary>
    public static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var trusted = app.ApplicationServices.GetRequiredService<IOptions<TrustedProxyOptions>>().Value;
        return trusted.Addresses.Count > 0 || trusted.Networks.Count > 0 ? app.UseForwardedHeaders() : app;
    }

    internal const string ReadyTag = "ready";

    /// <summary>
    /// <c>/healthz</c> (liveness: the process answers) on the public listener; <c>/readyz</c> (store, backend, audit log,
    /// Redis) on the admin one, with each check's status, description and duration as JSON (<see cref="ReadinessAnswer"/>).
    /// </summary>
    public static WebApplication MapGatewayHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous()
            .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]), new ListenerMetadata(Listener.PublicName));
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = ReadinessAnswer.WriteAsync }).AllowAnonymous()
            .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]), new ListenerMetadata(Listener.AdminName));
        return app;
    }
}
