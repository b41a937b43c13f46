using System.Text.Json.Serialization;

namespace Gateway.SecretScanning;

/// <summary>
/// The answer for one match, in GitHub's partner feedback format: the SHA-256 of the token (lower-case hex; never the
/// token itself), the type GitHub sent, and <c>true_positive</c> or <c>false_positive</c>.
/// </summary>
public sealed record MatchLabel(
    [property: JsonPropertyName("token_hash")] string TokenHash,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("label")] string Label)
{
    public const string TruePositive = "true_positive";
    public const string FalsePositive = "false_positive";
}
