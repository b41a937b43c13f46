using System.Net.Http.Headers;
using System.Text.Json;

namespace Gateway.Tests.Infrastructure;

/// <summary>Small request/response helpers for the tests.</summary>
public static class Http
{
    public static HttpRequestMessage Get(string path, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>Sends the request as if from <paramref name="peer"/> (see <see cref="TestPeer"/>).</summary>
    public static HttpRequestMessage From(this HttpRequestMessage request, string peer)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add(TestPeer.Header, peer);
        return request;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<string> MessageAsync(this HttpResponseMessage response) =>
        (await response.JsonAsync()).GetProperty("message").GetString()!;
}
