namespace LegacyStub.Api;

/// <summary>Laravel's paginator meta block.</summary>
internal sealed record PageMeta(int CurrentPage, int PerPage, int Total, int LastPage);
