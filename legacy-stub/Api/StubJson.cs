using System.Text.Encodings.Web;
using System.Text.Json;

namespace LegacyStub.Api;

/// <summary>Serializer settings that make the bodies look like the Laravel backend's.</summary>
internal static class StubJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,

        // Keeps "&" and "ß" readable as the backend sends them; these bodies are never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
