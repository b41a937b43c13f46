namespace Gateway.Data;

/// <summary>One try at a delivery, for the delivery log (<c>outbox_attempts</c>).</summary>
public sealed class OutboxAttempt
{
    public long Id { get; set; }

    public long DeliveryId { get; set; }

    public DateTime At { get; set; }

    public bool Succeeded { get; set; }

    /// <summary>What the receiver answered, or why nothing was sent.</summary>
    public required string Result { get; set; }

    /// <summary>Who made the attempt: the instance's dispatcher id.</summary>
    public required string By { get; set; }
}
