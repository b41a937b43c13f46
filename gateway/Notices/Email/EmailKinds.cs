namespace Gateway.Notices.Email;

/// <summary>Which notices clients are mailed (<c>Gateway:Notices:Email:Kinds</c>); each can be turned off.</summary>
public sealed class EmailKinds
{
    /// <summary>14 and 3 days before a token's last valid day.</summary>
    public bool Expiring { get; set; } = true;

    public bool Expired { get; set; } = true;

    public bool Created { get; set; } = true;

    public bool Rolled { get; set; } = true;

    public bool Revoked { get; set; } = true;

    /// <summary>Revoked because a secret-scanning report found it in public.</summary>
    public bool Leaked { get; set; } = true;

    /// <summary>Revoked because it was sent over plain HTTP.</summary>
    public bool Exposed { get; set; } = true;

    /// <summary>Whether an event of <paramref name="type"/> is mailed; edits never are.</summary>
    public bool Sends(string type) => type switch
    {
        NoticeEventTypes.TokenExpiring => Expiring,
        NoticeEventTypes.TokenExpired => Expired,
        NoticeEventTypes.TokenCreated => Created,
        NoticeEventTypes.TokenRolled => Rolled,
        NoticeEventTypes.TokenRevoked => Revoked,
        NoticeEventTypes.TokenLeaked => Leaked,
        NoticeEventTypes.TokenExposed => Exposed,
        _ => false,
    };
}
