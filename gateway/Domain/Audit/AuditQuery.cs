namespace Gateway.Audit;

/// <summary>A filter over the audit log (a time range, a client, a token, a decision, a reason or action, an actor) and a page of it.</summary>
public sealed record AuditQuery
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public long? ClientId { get; init; }

    public long? TokenId { get; init; }

    /// <summary><c>allowed</c> or <c>denied</c> (request events).</summary>
    public string? Decision { get; init; }

    /// <summary>A request's reason (<c>unknown_token</c> …) or a staff action (<c>token.revoked</c> …).</summary>
    public string? Reason { get; init; }

    /// <summary>Who made a staff action (<c>staff:alice</c>, <c>key:ci-bot</c>, <c>cli:root</c>, <c>gateway</c>).</summary>
    public string? Actor { get; init; }

    /// <summary>Where the page starts: the <see cref="AuditSlice.Next"/> of the page before (newest first); null for the newest.</summary>
    public string? Cursor { get; init; }

    public int PerPage { get; init; } = 50;
}
