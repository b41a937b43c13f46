namespace Gateway.Admin.Api;

/// <summary>
/// Paging of the audit view: newest first, by cursor. <c>Next</c> is the <c>cursor</c> of the page after this one,
/// null on the last page. There is no total: counting every matching event of a large log is what made the view slow.
/// </summary>
public sealed record AuditPageMeta(int PerPage, string? Next);
