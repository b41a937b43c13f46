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

    public static IReadOnlyList<string> All { get; } =
        [TokenCreated, TokenEdited, TokenRolled, TokenRevoked, TokenLeaked, TokenExposed, TokenExpiring, TokenExpired];
}
