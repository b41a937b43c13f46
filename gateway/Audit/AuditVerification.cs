namespace Gateway.Audit;

/// <summary>The outcome of checking audit chains: intact, or the first place where one breaks; and what each intact chain held.</summary>
public sealed record AuditVerification(bool Intact, long Events, string? File = null, int? Line = null, string? Problem = null, IReadOnlyList<AuditChainSummary>? Chains = null);
