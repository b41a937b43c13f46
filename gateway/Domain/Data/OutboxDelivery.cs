namespace Gateway.Data;

/// <summary>
/// One event on its way to one destination (<c>outbox_deliveries</c>): the client's mailbox, or a webhook endpoint.
/// Claimed with a lease (owner + expiry) so exactly one instance sends it; retried with backoff until sent or given up.
/// </summary>
public sealed class OutboxDelivery
{
    public long Id { get; set; }

    public long EventId { get; set; }

    public OutboxEvent Event { get; set; } = null!;

    /// <summary><c>email</c> or <c>webhook</c>.</summary>
    public required string Channel { get; set; }

    /// <summary>The webhook endpoint's name, or <c>client</c> for the client's own address.</summary>
    public required string Target { get; set; }

    /// <summary><c>pending</c>, <c>sent</c> or <c>failed</c> (given up; staff can send it again).</summary>
    public required string Status { get; set; }

    public int Attempts { get; set; }

    /// <summary>Not tried before this time (backoff after a failure).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>Which dispatcher holds the delivery, until <see cref="LeaseUntil"/>.</summary>
    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntil { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    /// <summary>What the last attempt got (an SMTP reply, an HTTP status, a connection error); never a secret.</summary>
    public string? LastResult { get; set; }

    public DateTime? SentAt { get; set; }

    public List<OutboxAttempt> AttemptLog { get; set; } = [];
}
