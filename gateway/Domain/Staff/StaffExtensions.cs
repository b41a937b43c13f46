using Gateway.Sessions;

namespace Gateway.Staff;

public static class StaffExtensions
{
    /// <summary>Staff accounts, their MFA and sessions, and admin API keys, for the admin UI, the admin API and the CLI.</summary>
    public static IHostApplicationBuilder AddGatewayStaff(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<StaffOptions>()
            .BindConfiguration(StaffOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddGatewaySessions();
        builder.Services.AddSingleton<StaffService>();
        builder.Services.AddSingleton<AdminKeyService>();
        return builder;
    }
}
