namespace LegacyStub.Api;

/// <summary><c>{"message":"..."}</c>, the backend's error shape.</summary>
internal sealed record ErrorBody(string Message);
