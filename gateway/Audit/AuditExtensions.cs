using Gateway.Settings;
using OpenTelemetry.Metrics;

namespace Gateway.Audit;

public static class AuditExtensions
{
    /// <summary>The audit log (CLEF files): the per-request audit step and the staff actions the domain reports.</summary>
    public static IHostApplicationBuilder AddGatewayAudit(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AuditOptions>()
            .BindSettings(AuditOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AuditLog>();
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

    /// <summary>Prometheus scrapes <c>/metrics</c> on the admin listener (private by default).</summary>
    public static WebApplication MapGatewayMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint("/metrics")
            .WithMetadata(new Gateway.Hosting.ListenerMetadata(Gateway.Hosting.Listener.AdminName));
        return app;
    }
}
