using Gateway.Notices.Email;
using Gateway.Notices.Webhooks;

namespace Gateway.Notices;

/// <summary>Settings under <c>Gateway:Notices</c>: e-mail to clients, webhooks to the host's systems, and the outbox.</summary>
public sealed class NoticeOptions
{
    public const string Section = "Gateway:Notices";

    public EmailOptions Email { get; set; } = new();

    /// <summary>Webhook endpoints by name (the name shows in the delivery log): <c>Gateway:Notices:Webhooks:siem:Url</c>.</summary>
    public Dictionary<string, WebhookEndpointOptions> Webhooks { get; set; } = new(StringComparer.Ordinal);

    public OutboxOptions Outbox { get; set; } = new();
}
