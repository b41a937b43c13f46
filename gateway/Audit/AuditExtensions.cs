namespace Gateway.Audit;

public static class AuditExtensions
{
    /// <summary>The audit log (CLEF files): the per-request audit step and the staff actions the domain reports.</summary>
    public static IHostApplicationBuilder AddGatewayAudit(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<IStaffAuditLog, StaffAuditWriter>();
        return builder;
    }

    /// <summary>First in the pipeline, so every answer (refusals by the HTTPS guard included) is recorded.</summary>
    public static WebApplication UseGatewayAudit(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<AuditMiddleware>();
        return app;
    }
}
