using System.Text.Json.Serialization;

namespace Gateway.SecretScanning;

/// <summary>One match in a GitHub report: <c>{"token","type","url","source"}</c>.</summary>
public sealed record ReportedMatch(
    [property: JsonPropertyName("token")] string? Token,
    [property: JsonPropertyName("type")] string? Type,
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("source")] string? Source);
