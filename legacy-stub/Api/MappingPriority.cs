namespace LegacyStub.Api;

/// <summary>
/// WireMock picks the matching mapping with the lowest number. The gates come first so that no endpoint,
/// known or unknown, answers without the backend credential and a known client.
/// </summary>
internal static class MappingPriority
{
    /// <summary>The liveness path answers before the gates: it says nothing but "up", and health probes carry no credential.</summary>
    public const int Health = 5;
    public const int Credential = 10;
    public const int Client = 20;
    public const int Endpoint = 30;
    public const int MethodNotAllowed = 40;
    public const int NotFound = 50;
}
