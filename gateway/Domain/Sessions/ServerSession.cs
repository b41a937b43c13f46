namespace Gateway.Sessions;

/// <summary>
/// One signed-in browser session, kept in the store so that it can be ended on every instance at once. The cookie
/// carries a random session key; the store keeps only its SHA-256, so a copy of the table opens no session.
/// </summary>
public sealed class ServerSession
{
    public long Id { get; set; }

    /// <summary>SHA-256 of the session key in the cookie.</summary>
    public required byte[] KeyHash { get; set; }

    /// <summary><see cref="SessionSubject.Kind"/>: <c>staff</c> or <c>client</c>.</summary>
    public required string SubjectKind { get; set; }

    public required string SubjectId { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>The last request seen, written at most every <see cref="SessionLifetime.TouchInterval"/>.</summary>
    public DateTime LastSeenAt { get; set; }

    /// <summary>How long the session may stay unused; each touch moves <see cref="IdleExpiresAt"/> on by this much.</summary>
    public int IdleTimeoutSeconds { get; set; }

    /// <summary>Ends here unless used again first (never after <see cref="AbsoluteExpiresAt"/>).</summary>
    public DateTime IdleExpiresAt { get; set; }

    /// <summary>Ends here however busy it is.</summary>
    public DateTime AbsoluteExpiresAt { get; set; }

    public DateTime? EndedAt { get; set; }

    /// <summary>Why it ended (<see cref="SessionEndReasons"/>).</summary>
    public string? EndReason { get; set; }

    /// <summary>Where the sign-in came from, for the staff page and the audit trail.</summary>
    public string? CreatedIp { get; set; }
}
