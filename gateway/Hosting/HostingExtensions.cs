using Gateway.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
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
        builder.Services.AddOptions<TrustedProxyOptions>().BindConfiguration(TrustedProxyOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TrustedProxyOptions>, TrustedProxyOptionsValidator>();
        builder.Services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>, ForwardedHeadersSetup>();
        builder.Services.AddHealthChecks()
            .AddCheck<StoreReadyCheck>("store", tags: [ReadyTag])
            .AddCheck<BackendReadyCheck>("backend", tags: [ReadyTag])
            .AddCheck<AuditReadyCheck>("audit", tags: [ReadyTag]);
        builder.Services.AddProblemDetails();
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
    /// The front of the request path: request id, the client address from trusted proxies only, HTTPS guard,
    /// HSTS, JSON bodies for bare error statuses.
    /// </summary>
    public static WebApplication UseGatewayHosting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestIdMiddleware>();
        // ForwardedHeadersMiddleware with no known proxies trusts every peer: only use it when some are configured.
        var trusted = app.Services.GetRequiredService<IOptions<TrustedProxyOptions>>().Value;
        if (trusted.Addresses.Count > 0 || trusted.Networks.Count > 0)
        {
            app.UseForwardedHeaders();
        }
        app.UseMiddleware<HttpsGuardMiddleware>();
        app.UseHsts();
        // 404 (no route) and 405 (routing's method check) come out of the framework without a body:
        // the public API answers in its own JSON shape, the admin side with RFC 9457 problem details.
        app.UseStatusCodePages(async context =>
        {
            var http = context.HttpContext;
            if (HttpMethods.IsHead(http.Request.Method))
            {
                // Status and headers only: a body on a HEAD answer breaks HTTP/2 streams.
                return;
            }

            if (Listener.Of(http).IsAdmin)
            {
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext { HttpContext = http });
                return;
            }

            if (http.Response.StatusCode == StatusCodes.Status405MethodNotAllowed)
            {
                http.Response.Headers.Allow = "GET, HEAD";
            }

            await ErrorResponses.WriteAsync(http, http.Response.StatusCode, ErrorResponses.ForStatus(http.Response.StatusCode));
        });
        app.UseMiddleware<ListenerGuardMiddleware>();
        return app;
    }

    internal const string ReadyTag = "ready";

    /// <summary><c>/healthz</c> (liveness: the process answers) on the public listener, <c>/readyz</c> (store and backend) on the admin one.</summary>
    public static WebApplication MapGatewayHealth(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous()
            .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]), new ListenerMetadata(Listener.PublicName));
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) }).AllowAnonymous()
            .WithMetadata(new HttpMethodMetadata(["GET", "HEAD"]), new ListenerMetadata(Listener.AdminName));
        return app;
    }
}
