using Gateway.Notices;
using Gateway.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

public static class TokenExtensions
{
    /// <summary>Registers the scope catalogue, the token format, cache and services that every front end (API, UI, CLI) shares.</summary>
    public static IHostApplicationBuilder AddGatewayTokens(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TokenOptions>()
            .BindSettings(TokenOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Configuration.AddBesideAppSettings(ScopeCatalogOptions.File);
        builder.Services.AddOptions<ScopeCatalogOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(ScopeCatalogOptions.Section).Bind(options.Scopes))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ScopeCatalogOptions>, ScopeCatalogOptionsValidator>();
        builder.Services.AddSingleton<ScopeCatalog>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<Gateway.Audit.IStaffAuditLog, Gateway.Audit.NoStaffAuditLog>();
        builder.Services.AddSingleton(sp => new TokenFormat(sp.GetRequiredService<IOptions<TokenOptions>>().Value.Prefix));
        builder.Services.AddSingleton<TokenLifetime>();
        builder.Services.AddSingleton<TokenViews>();
        builder.Services.AddSingleton<ExpiryRules>();
        builder.Services.AddSingleton<TokenCache>();
        builder.Services.TryAddSingleton<ITokenChangeBroadcast, NoTokenChangeBroadcast>();
        builder.Services.AddSingleton<TokenChanges>();
        builder.Services.AddSingleton<TokenService>();
        builder.Services.AddSingleton<TokenLeaks>();
        builder.Services.AddGatewayNoticeOutbox();
        builder.Services.AddSingleton<TokenSeeder>();
        builder.Services.AddSingleton<RoleService>();
        builder.Services.AddSingleton<Gateway.Usage.TokenUsageService>();
        return builder;
    }
}
