namespace Gateway.Notices;

/// <summary>How a delivery travels.</summary>
public static class OutboxChannels
{
    /// <summary>An e-mail to the client the token belongs to (target <see cref="ClientTarget"/>).</summary>
    public const string Email = "email";

    /// <summary>A signed POST to a configured endpoint (target: the endpoint's name).</summary>
    public const string Webhook = "webhook";

    public const string ClientTarget = "client";
}
