using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gateway.Notices;

public static class NoticeExtensions
{
    /// <summary>The notice outbox's domain side: every token change writes its event (server and CLI alike).</summary>
    public static IServiceCollection AddGatewayNoticeOutbox(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<NoticeEvents>();
        services.TryAddSingleton<OutboxStore>();
        services.TryAddSingleton<DeliveryLog>();
        services.TryAddSingleton<TokenHygiene>();
        return services;
    }
}
