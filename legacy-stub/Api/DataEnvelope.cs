namespace LegacyStub.Api;

/// <summary><c>{"data":{...}}</c>, the backend's shape for a single record.</summary>
internal sealed record DataEnvelope<T>(T Data);
