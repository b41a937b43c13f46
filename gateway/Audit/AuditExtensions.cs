using Gateway.Data;
using Gateway.Hosting;
using Gateway.Settings;
using Gateway.Telemetry;
using Microsoft.Extensions.Options;

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
        services.AddOptions<AuditOtlpOptions>().BindSettings(AuditOtlpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuditOtlpOptions>, AuditOtlpOptionsValidator>();
        services.AddKeyedSingleton(AuditOtlpOptions.Stream, (sp, _) =>
            sp.GetRequiredService<IOptions<AuditOtlpOptions>>().Value is { IsConfigured: true } otlp
                ? new OtlpLogShipper(
                    AuditOtlpOptions.Stream,
                    otlp,
                    otlp.QueueLimit,
                    TelemetryResource.Attributes(TelemetryOptions.From(sp.GetRequiredService<IConfiguration>()).ServiceName),
                    sp.GetRequiredService<ILogger<AuditLog>>())
                // Not configured: the keyed service resolves to null and the audit log ships nothing.
                : null!);
        services.AddSingleton(sp => new AuditLog(
            sp.GetRequiredService<IOptions<AuditOptions>>(),
            sp.GetRequiredService<AuditKeyRing>(),
            writer,
            sp.GetRequiredService<AuditSealStore>(),
            sp.GetRequiredService<SecretRedactor>(),
            sp.GetRequiredService<ILogger<AuditLog>>(),
            sp.GetService<TimeProvider>(),
            sp.GetKeyedService<OtlpLogShipper>(AuditOtlpOptions.Stream)));
        return services.AddAuditOptions();
    }
}
