namespace Gateway.Notices;

/// <summary>The events the outbox carries, as webhooks name them in <c>type</c>.</summary>
public static class NoticeEventTypes
{
    public const string TokenCreated = "token.created";
    public const string TokenEdited = "token.edited";
    public const string TokenRolled = "token.rolled";
    public const string TokenRevoked = "token.revoked";

    /// <summary>Revoked because a secret-scanning report found it in public.</summary>
    public const string TokenLeaked = "token.leaked";

    /// <summary>Revoked because it was sent over plain HTTP.</summary>
    public const string TokenExposed = "token.exposed";

    /// <summary>14 or 3 days before the token's last valid day (<c>data.days_left</c>).</summary>
    public const string TokenExpiring = "token.expiring";

    public const string TokenExpired = "token.expired";

    /// <summary>The billing system suspended the client: its tokens answer 401 until it is resumed.</summary>
    public const string ClientSuspended = "client.suspended";

    public const string ClientResumed = "client.resumed";

    /// <summary>The client was closed: its tokens are revoked (each with its own <c>token.revoked</c>).</summary>
    public const string ClientClosed = "client.closed";

    public static IReadOnlyList<string> All { get; } =
        [TokenCreated, TokenEdited, TokenRolled, TokenRevoked, TokenLeaked, TokenExposed, TokenExpiring, TokenExpired, ClientSuspended, ClientResumed, ClientClosed];
}
