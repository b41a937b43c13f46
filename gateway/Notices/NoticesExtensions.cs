using Gateway.Notices.Email;
using Gateway.Notices.Webhooks;
using Gateway.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Notices;

public static class NoticesExtensions
{
    /// <summary>
    /// Notices from the outbox: e-mail to clients and signed webhooks (both off until configured), the dispatcher
    /// that sends them, and the expiry scan. The token services write the events (see <c>AddGatewayTokens</c>).
    /// </summary>
    public static IHostApplicationBuilder AddGatewayNotices(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<NoticeOptions>().BindSettings(NoticeOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NoticeOptions>, NoticeOptionsValidator>();
        builder.Services.AddGatewayNoticeOutbox();
        // Neither follows redirects: a notice goes where it was configured to go, or fails visibly.
        builder.Services.AddHttpClient(ClientContacts.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        builder.Services.AddHttpClient(WebhookNotifier.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });
        builder.Services.AddSingleton<ClientContacts>();
        builder.Services.AddSingleton<EmailNotifier>();
        builder.Services.AddSingleton<WebhookNotifier>();
        builder.Services.AddSingleton<NoticeRoutes>();
        builder.Services.AddSingleton<NoticeMetrics>();
        builder.Services.AddSingleton<OutboxDispatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<OutboxDispatcher>());
        builder.Services.AddSingleton<ExpiryNoticeScheduler>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ExpiryNoticeScheduler>());
        return builder;
    }
}
