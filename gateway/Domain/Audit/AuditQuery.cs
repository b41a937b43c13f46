namespace Gateway.Audit;

/// <summary>A filter over the audit log: a time range, a client, a token, a decision, a reason or action.</summary>
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

    public int Page { get; init; } = 1;

    public int PerPage { get; init; } = 50;
}
