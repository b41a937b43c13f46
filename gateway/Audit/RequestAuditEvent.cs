using Gateway.Hosting;
using Gateway.Pipeline;

namespace Gateway.Audit;

/// <summary>One public request, as the audit log records it. Never a token: only its SHA-256.</summary>
public sealed record RequestAuditEvent
{
    public required DateTimeOffset Time { get; init; }

    public required string RequestId { get; init; }

    public string? ClientIp { get; init; }

    public required string Method { get; init; }

    /// <summary>Path and query, with sensitive query values redacted (and cut, for a refused request).</summary>
    public required string Path { get; init; }

    public string? RouteId { get; init; }

    /// <summary><c>allowed</c> or <c>denied</c>.</summary>
    public required string Decision { get; init; }

    public string? Reason { get; init; }

    public long? TokenId { get; init; }

    public long? ClientId { get; init; }

    /// <summary>Base64 SHA-256 of the presented token, as GitHub's audit log shows one.</summary>
    public string? HashedToken { get; init; }

    public int Status { get; init; }

    public int? UpstreamStatus { get; init; }

    public double DurationMs { get; init; }

    public double? UpstreamDurationMs { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>
    /// The event for a finished request, from its <see cref="RequestDecision"/> alone. What a client chose (path,
    /// User-Agent) has tokens redacted and, for a refused request, is cut to a few hundred characters
    /// (<see cref="AuditText"/>), so an unauthenticated caller cannot make one request cost kilobytes of log.
    /// </summary>
    public static RequestAuditEvent From(RequestDecision decision, IReadOnlyList<string> tokenPrefixes, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(redactor);
        var refused = decision.Refusal is not null;
        var path = QueryRedactor.PathAndQuery(decision.Path, decision.Query, tokenPrefixes);
        var agent = decision.UserAgent is { Length: > 0 } raw ? redactor.Redact(raw) ?? raw : null;
        var token = decision.Identity ?? decision.Presented;
        return new RequestAuditEvent
        {
            Time = decision.ReceivedAt,
            RequestId = decision.RequestId,
            ClientIp = decision.ClientIp?.ToString(),
            // Redacted before it is cut, as the User-Agent: a token cut short would no longer look like one.
            Method = AuditText.Cap(redactor.Redact(decision.Method) ?? decision.Method, 16),
            Path = refused ? AuditText.Cap(path, AuditText.RefusedPathLimit) : path,
            RouteId = decision.RouteId,
            Decision = refused ? "denied" : "allowed",
            Reason = decision.Refusal?.Reason,
            TokenId = token?.TokenId,
            ClientId = token?.ClientId,
            HashedToken = decision.HashedToken,
            Status = decision.Status,
            UpstreamStatus = decision.UpstreamStatus,
            DurationMs = decision.DurationMs,
            UpstreamDurationMs = decision.UpstreamMilliseconds,
            UserAgent = agent is null ? null : AuditText.Cap(agent, refused ? AuditText.RefusedUserAgentLimit : AuditText.UserAgentLimit),
        };
    }
}
