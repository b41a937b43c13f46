namespace LegacyStub.Api;

/// <summary><c>{"status":"ok"}</c>: the liveness answer, with nothing about the data behind it.</summary>
internal sealed record HealthBody(string Status);
