using System.Globalization;
using System.Net;
using System.Text.Json;
using WireMock.Server;

namespace LegacyStub.Tests;

/// <summary>One started stub on a free port per test class, with a non-default credential so nothing passes by accident.</summary>
public sealed class StubFixture : IDisposable
{
    public const string Credential = "Bearer test-backend-secret";

    public StubFixture()
    {
        Server = BillingStub.Start(new BillingStubOptions { Credential = Credential });
        Client = new HttpClient { BaseAddress = new Uri(Server.Url!) };
    }

    public WireMockServer Server { get; }

    public HttpClient Client { get; }

    public async Task<HttpResponseMessage> SendAsync(
        string path, long? clientId = 1, string? credential = Credential, HttpMethod? method = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path);
        if (credential is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", credential);
        }

        if (clientId is not null)
        {
            request.Headers.Add("X-Client-Id", clientId.Value.ToString(CultureInfo.InvariantCulture));
        }

        return await Client.SendAsync(request);
    }

    public async Task<JsonElement> GetJsonAsync(string path, long clientId = 1)
    {
        using var response = await SendAsync(path, clientId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public void Dispose()
    {
        Client.Dispose();
        Server.Stop();
        Server.Dispose();
    }
}
