namespace Gateway.Audit;

public static class AuditExtensions
{
    /// <summary>The audit log (CLEF files) and the per-request audit step.</summary>
    public static IHostApplicationBuilder AddGatewayAudit(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<AuditOptions>()
            .BindConfiguration(AuditOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<AuditLog>();
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
