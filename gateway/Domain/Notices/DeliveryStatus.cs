namespace Gateway.Notices;

/// <summary>Where a delivery stands, as stored.</summary>
public static class DeliveryStatus
{
    /// <summary>Waiting for its next attempt (or being sent under a lease).</summary>
    public const string Pending = "pending";

    public const string Sent = "sent";

    /// <summary>Given up after the last allowed attempt, or refused for good (no address, mailbox rejected); staff may send it again.</summary>
    public const string Failed = "failed";

    public static IReadOnlyList<string> All { get; } = [Pending, Sent, Failed];
}
