namespace Gateway.Sessions;

/// <summary>What the store said about a live session when it was last read.</summary>
internal sealed record SessionState(
    long Id,
    SessionSubject Subject,
    DateTime LastSeenAt,
    DateTime IdleExpiresAt,
    DateTime AbsoluteExpiresAt,
    TimeSpan IdleTimeout);
