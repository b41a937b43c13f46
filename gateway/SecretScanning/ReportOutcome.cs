namespace Gateway.SecretScanning;

/// <summary>What became of a report: labels to answer with, or why it was refused (nothing revoked then).</summary>
public sealed record ReportOutcome(int Status, string? Refusal, IReadOnlyList<MatchLabel>? Labels)
{
    public static ReportOutcome Refused(int status, string reason) => new(status, reason, null);

    public static ReportOutcome Answered(IReadOnlyList<MatchLabel> labels) => new(StatusCodes.Status200OK, null, labels);
}
