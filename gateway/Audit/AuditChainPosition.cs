namespace Gateway.Audit;

/// <summary>Where an event of a chain ends: its file, the file's length up to and including its line, and its MAC.</summary>
public sealed record AuditChainPosition(string File, long Offset, string Mac);
