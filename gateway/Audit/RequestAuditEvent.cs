namespace Gateway.Audit;

/// <summary>One public request, as the audit log records it. Never a token: only its SHA-256.</summary>
public sealed record RequestAuditEvent
{
    public required DateTimeOffset Time { get; init; }

    public required string RequestId { get; init; }

    public string? ClientIp { get; init; }

    public required string Method { get; init; }

    /// <summary>Path and query, with sensitive query values redacted.</summary>
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
}
