using Gateway.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Audit;

public static class AuditOptionsExtensions
{
    /// <summary>
    /// <see cref="AuditOptions"/> as every process on a store reads them (server and CLI): the folder resolved under
    /// the store's data folder, the chain key checked.
    /// </summary>
    public static OptionsBuilder<AuditOptions> AddAuditOptions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton<IPostConfigureOptions<AuditOptions>, AuditOptionsSetup>();
        services.AddSingleton<IValidateOptions<AuditOptions>, AuditOptionsValidator>();
        return services.AddOptions<AuditOptions>()
            .BindSettings(AuditOptions.Section)
            .ValidateDataAnnotations();
    }
}
