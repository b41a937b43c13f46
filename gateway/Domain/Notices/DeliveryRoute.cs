namespace Gateway.Notices;

/// <summary>One destination an event goes to: a channel and a target on it.</summary>
public sealed record DeliveryRoute(string Channel, string Target);

/// <summary>How an attempt ended.</summary>
public enum AttemptOutcome
{
    Sent,

    /// <summary>Failed for now: try again later.</summary>
    Retry,

    /// <summary>Failed for good: no point trying again without a change (no address, rejected mailbox).</summary>
    Permanent,
}

/// <summary>An attempt's outcome and what the receiver said (never a secret).</summary>
public sealed record AttemptResult(AttemptOutcome Outcome, string Detail)
{
    public static AttemptResult Sent(string detail) => new(AttemptOutcome.Sent, detail);

    public static AttemptResult Retry(string detail) => new(AttemptOutcome.Retry, detail);

    public static AttemptResult Permanent(string detail) => new(AttemptOutcome.Permanent, detail);
}
