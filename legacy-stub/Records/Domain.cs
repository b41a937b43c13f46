using System.Text.Json.Serialization;

namespace LegacyStub.Records;

/// <summary>A domain registration held by the client.</summary>
/// <remarks>C# forbids a member named like its type, so the JSON name "domain" is set explicitly.</remarks>
public sealed record Domain(
    long Id,
    [property: JsonPropertyName("domain")] string Name,
    string Status,
    DateOnly RegistrationDate,
    DateOnly ExpiryDate,
    bool AutoRenew,
    IReadOnlyList<string> Nameservers);
