using System.Text.Json.Serialization;

namespace Gateway.Hosting;

/// <summary>The public error body: <c>{"message": "..."}</c>, plus the scope a 403 was missing.</summary>
public sealed record ErrorBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("required_scope"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequiredScope = null);

[JsonSerializable(typeof(ErrorBody))]
internal sealed partial class ErrorBodyJsonContext : JsonSerializerContext;
