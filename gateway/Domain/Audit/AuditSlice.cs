using System.Text.Json;

namespace Gateway.Audit;

/// <summary>A page of audit events, newest first, and the cursor of the page after it (null on the last page).</summary>
public sealed record AuditSlice(IReadOnlyList<JsonElement> Items, int PerPage, string? Next);
