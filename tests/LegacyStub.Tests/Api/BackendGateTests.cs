using System.Net;
using LegacyStub.Api;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace LegacyStub.Tests.Api;

/// <summary>The gate on its own: a server whose only mapping is a guarded callback, without the 401 mappings in front.</summary>
public sealed class BackendGateTests : IDisposable
{
    private const string Credential = "Bearer gate-test";

    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly HttpClient _client;
    private long? _handledClient;

    public BackendGateTests()
    {
        var gate = new BackendGate(Credential, BillingData.Default);
        _server
            .Given(Request.Create().WithPath("/*").UsingAnyMethod())
            .RespondWith(Response.Create().WithCallback(gate.Guard((request, client) =>
            {
                _handledClient = client.Id;
                return ApiResponses.NotFound(request);
            })));
        _client = new HttpClient { BaseAddress = new Uri(_server.Url!) };
    }

    [Theory]
    [InlineData(null, "1")]
    [InlineData("Bearer wrong", "1")]
    [InlineData(Credential, null)]
    [InlineData(Credential, "424242")]
    public async Task Guard_EitherGateFails_Answers401WithoutCallingTheHandler(string? credential, string? clientId)
    {
        using var response = await SendAsync(credential, clientId);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(_handledClient);
    }

    [Fact]
    public async Task Guard_BothGatesPass_HandsTheClientToTheHandler()
    {
        using var response = await SendAsync(Credential, "3");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(3, _handledClient);
    }

    public void Dispose()
    {
        _client.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    private async Task<HttpResponseMessage> SendAsync(string? credential, string? clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        if (credential is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", credential);
        }

        if (clientId is not null)
        {
            request.Headers.Add("X-Client-Id", clientId);
        }

        return await _client.SendAsync(request);
    }
}
