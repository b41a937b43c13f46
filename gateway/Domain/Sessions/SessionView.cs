namespace Gateway.Sessions;

/// <summary>A live session as the staff page shows it (never its key).</summary>
public sealed record SessionView(long Id, DateTime CreatedAt, DateTime LastSeenAt, DateTime IdleExpiresAt, DateTime AbsoluteExpiresAt, string? CreatedIp);
