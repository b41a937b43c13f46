using System.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace LegacyStub.Tests;

public sealed class BillingStubTests
{
    [Fact]
    public void Start_PortZero_ListensOnAFreePort()
    {
        using var first = BillingStub.Start(new BillingStubOptions());
        using var second = BillingStub.Start(new BillingStubOptions());

        Assert.NotEqual(0, first.Port);
        Assert.NotEqual(first.Port, second.Port);
        Assert.StartsWith("http://127.0.0.1:", first.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddMappings_ExistingServer_ServesGivenDataWithGivenCredential()
    {
        using var server = WireMockServer.Start();
        BillingStub.AddMappings(server, "Bearer custom", BillingData.Default);
        using var client = new HttpClient { BaseAddress = new Uri(server.Url!) };

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer custom");
        request.Headers.Add("X-Client-Id", "4");
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4, (await StubFixture.ReadJsonAsync(response)).GetProperty("data").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task AddMappings_TestMappingWithLowerPriority_OverridesTheBackend()
    {
        using var server = BillingStub.Start(new BillingStubOptions());
        server.Given(Request.Create().WithPath("/api/v1/invoices").UsingGet())
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(503));
        using var client = new HttpClient { BaseAddress = new Uri(server.Url!) };

        using var response = await client.GetAsync(new Uri("/api/v1/invoices", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }
}
