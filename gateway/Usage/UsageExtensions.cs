using Gateway.Settings;

namespace Gateway.Usage;

public static class UsageExtensions
{
    public static IHostApplicationBuilder AddGatewayUsage(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<UsageOptions>()
            .BindSettings(UsageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<LastUsedRecorder>();
        builder.Services.AddHostedService<LastUsedFlusher>();
        return builder;
    }
}
