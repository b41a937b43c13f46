using Gateway.Data;
using Microsoft.Extensions.Options;

namespace Gateway.Notices;

/// <summary>Where an event goes under the current settings: the client's mailbox (if that kind is on) and each webhook that wants it.</summary>
public sealed class NoticeRoutes(IOptionsMonitor<NoticeOptions> options)
{
    public IReadOnlyList<DeliveryRoute> For(OutboxEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var settings = options.CurrentValue;
        var routes = new List<DeliveryRoute>();
        if (settings.Email.Enabled && settings.Email.Kinds.Sends(e.Type))
        {
            routes.Add(new DeliveryRoute(OutboxChannels.Email, OutboxChannels.ClientTarget));
        }

        foreach (var (name, endpoint) in settings.Webhooks.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            if (endpoint.Wants(e.Type))
            {
                routes.Add(new DeliveryRoute(OutboxChannels.Webhook, name));
            }
        }

        return routes;
    }
}
