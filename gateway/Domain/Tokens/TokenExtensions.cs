using Gateway.Notices;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

public static class TokenExtensions
{
    /// <summary>Registers the token format, cache and services that every front end (API, UI, CLI) shares.</summary>
    public static IHostApplicationBuilder AddGatewayTokens(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TokenOptions>()
            .BindConfiguration(TokenOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
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
