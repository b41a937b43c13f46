namespace Gateway.Notices;

/// <summary>A delivery as the admin UI's delivery log shows it.</summary>
public sealed record DeliveryView
{
    public long Id { get; init; }

    public required string EventId { get; init; }

    public required string EventType { get; init; }

    public DateTime OccurredAt { get; init; }

    public long ClientId { get; init; }

    public long? TokenId { get; init; }

    public string? TokenName { get; init; }

    public string? TokenHint { get; init; }

    public required string Channel { get; init; }

    public required string Target { get; init; }

    public required string Status { get; init; }

    public int Attempts { get; init; }

    public DateTime? LastAttemptAt { get; init; }

    public string? LastResult { get; init; }

    public DateTime? SentAt { get; init; }

    public DateTime NextAttemptAt { get; init; }

    /// <summary>The latest attempts, newest first (only on a single delivery's page).</summary>
    public IReadOnlyList<AttemptView> RecentAttempts { get; init; } = [];
}

/// <summary>One attempt at a delivery.</summary>
public sealed record AttemptView(DateTime At, bool Succeeded, string Result, string By);
