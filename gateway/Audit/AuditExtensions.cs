using Gateway.Data;
using Gateway.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace Gateway.Audit;

public static class AuditExtensions
{
    /// <summary>The audit log (CLEF files): the per-request audit step and the staff actions the domain reports.</summary>
    public static IHostApplicationBuilder AddGatewayAudit(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddGatewayAuditLog(AuditLog.ServerWriter).ValidateOnStart();
        builder.Services.AddSingleton<AuditIndex>();
        builder.Services.AddHostedService<AuditIndexer>();
        builder.Services.AddSingleton<AuditReader>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IStaffAuditLog, StaffAuditWriter>();
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.Services.AddSingleton<Gateway.Pipeline.IRequestDecisionObserver, RequestAuditWriter>();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(GatewayMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    /// <summary>
    /// The audit log of one process on the store — a server (<see cref="AuditLog.ServerWriter"/>) or the CLI
    /// (<see cref="AuditLog.CliWriter"/>) — in the store's audit folder, signed with the store's chain key and sealed in the store.
    /// </summary>
    public static OptionsBuilder<AuditOptions> AddGatewayAuditLog(this IServiceCollection services, string writer)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSecretRedactor();
        services.AddSingleton<AuditSealStore>();
        services.AddSingleton(sp => AuditKeyRing.Load(
            sp.GetRequiredService<IOptions<AuditOptions>>().Value,
            sp.GetRequiredService<IOptions<StorageOptions>>().Value,
            create: true)!);
        services.AddSingleton(sp => new AuditLog(
            sp.GetRequiredService<IOptions<AuditOptions>>(),
            sp.GetRequiredService<AuditKeyRing>(),
            writer,
            sp.GetRequiredService<AuditSealStore>(),
            sp.GetRequiredService<SecretRedactor>(),
            sp.GetRequiredService<ILogger<AuditLog>>(),
            sp.GetService<TimeProvider>()));
        return services.AddAuditOptions();
    }

    /// <summary>Prometheus scrapes <c>/metrics</c> on the admin listener (private by default).</summary>
    public static WebApplication MapGatewayMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint("/metrics")
            .WithMetadata(new Gateway.Hosting.ListenerMetadata(Gateway.Hosting.Listener.AdminName));
        return app;
    }
}
