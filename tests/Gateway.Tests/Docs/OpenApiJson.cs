using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Docs;

/// <summary>Reading an OpenAPI document as served: fetch it, walk its paths, follow its local <c>$ref</c>s.</summary>
internal static class OpenApiJson
{
    public static readonly string[] ClientStatuses = ["200", "401", "403", "404", "405", "429", "502", "504"];

    public static async Task<JsonElement> FetchAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.JsonAsync();
    }

    public static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from operation in path.Value.EnumerateObject()
        select (path.Name, operation.Name, operation.Value);

    /// <summary>The element itself, or the component its <c>$ref</c> (<c>#/components/…</c>) names.</summary>
    public static JsonElement Resolve(JsonElement document, JsonElement element)
    {
        while (element.ValueKind == JsonValueKind.Object && element.TryGetProperty("$ref", out var reference))
        {
            var target = document;
            foreach (var segment in reference.GetString()!.TrimStart('#', '/').Split('/'))
            {
                target = target.GetProperty(segment);
            }

            element = target;
        }

        return element;
    }

    public static JsonElement Property(JsonElement document, JsonElement element, string name) =>
        Resolve(document, Resolve(document, element).GetProperty(name));

    public static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];
}
