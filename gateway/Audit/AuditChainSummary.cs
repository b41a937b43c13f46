namespace Gateway.Audit;

/// <summary>One intact chain: its events, and what could and could not be checked (unkeyed events, the seal).</summary>
public sealed record AuditChainSummary(string Chain, long Events, IReadOnlyList<string> Notes);
