namespace Gateway.Notices.Webhooks;

/// <summary>One webhook endpoint (<c>Gateway:Notices:Webhooks:&lt;name&gt;</c>).</summary>
public sealed class WebhookEndpointOptions
{
    /// <summary>HTTPS URL (plain HTTP only to a loopback address).</summary>
    public Uri? Url { get; set; }

    /// <summary>The shared secret the signature is made with (at least 32 characters; from the environment).</summary>
    public string? Secret { get; set; }

    /// <summary>Event types to send (<c>token.created</c>, …); empty sends every type.</summary>
    public List<string> Events { get; set; } = [];

    public bool Enabled { get; set; } = true;

    /// <summary>Time allowed for the endpoint to answer.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    public bool Wants(string type) => Enabled && (Events.Count == 0 || Events.Contains(type, StringComparer.Ordinal));
}
