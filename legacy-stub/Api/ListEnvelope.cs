namespace LegacyStub.Api;

/// <summary><c>{"data":[...],"meta":{...}}</c>, the backend's shape for a page of a list.</summary>
internal sealed record ListEnvelope<T>(IReadOnlyList<T> Data, PageMeta Meta);
