using System.Globalization;
using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Proxy;

/// <summary>What the billing backend actually receives (DESIGN §6), read from WireMock's request log.</summary>
public sealed class BackendContractTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Get_ClientSpoofsIdentity_BackendSeesOnlyTheTokensClient()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();
        using var request = Http.Get("/api/v1/invoices?client_id=2&page=2&ClientId=2&userid=2&USER_ID=2&client.id=2&client_id[]=2&per_page=5", token.Plaintext);
        request.Headers.Add("X-Client-Id", "2");
        request.Headers.Add("X-Gateway-Token-Id", "999");
        request.Headers.Add("X-Gateway-Anything", "spoof");
        request.Headers.Add("Cookie", "session=abc");
        request.Headers.Add("X-HTTP-Method-Override", "DELETE");
        request.Headers.Add("X-HTTP-Method", "DELETE");
        request.Headers.Add("X-Method-Override", "DELETE");
        request.Headers.Add("X-Original-URL", "/api/v1/services");
        request.Headers.Add("X-Rewrite-URL", "/api/v1/services");
        request.Headers.Add("Forwarded", "for=203.0.113.9;proto=http");

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(gateway.Backend.LogEntries).RequestMessage!;
        Assert.Equal(["1"], received.Header("X-Client-Id"));
        Assert.Equal([token.Token.Id.ToString(CultureInfo.InvariantCulture)], received.Header("X-Gateway-Token-Id"));
        Assert.Equal([GatewayFixture.BackendCredential], received.Header("Authorization"));
        Assert.False(received.HasHeader("Cookie"));
        Assert.False(received.HasHeader("X-Gateway-Anything"));
        Assert.False(received.HasHeader("X-HTTP-Method-Override"));
        Assert.False(received.HasHeader("X-HTTP-Method"));
        Assert.False(received.HasHeader("X-Method-Override"));
        Assert.False(received.HasHeader("X-Original-URL"));
        Assert.False(received.HasHeader("X-Rewrite-URL"));
        Assert.False(received.HasHeader("Forwarded"));
        Assert.Equal("GET", received.Method);
        Assert.Equal("/api/v1/invoices", received.Path);
        var query = received.Query!;
        Assert.Equal(["page", "per_page"], query.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["2"], query["page"]);
        Assert.Equal(["5"], query["per_page"]);

        var body = await response.JsonAsync();
        Assert.Equal(2, body.GetProperty("meta").GetProperty("current_page").GetInt32());
    }

    [Fact]
    public async Task Get_Allowed_BackendGetsRequestIdThatClientAlsoSees()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();

        using var request = Http.Get("/api/v1/me", token.Plaintext);
        request.Headers.Add("X-Request-Id", "client-chosen");
        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        var requestId = Assert.Single(response.Headers.GetValues("X-Request-Id"));
        Assert.NotEqual("client-chosen", requestId);
        Assert.Matches("^[0-9a-f]{32}$", requestId);
        var received = Assert.Single(gateway.Backend.LogEntries).RequestMessage!;
        Assert.Equal([requestId], received.Header("X-Request-Id"));
    }

    [Fact]
    public async Task Get_Allowed_NoClientCredentialReachesBackend()
    {
        var token = await gateway.CreateTokenAsync(3, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.CreateHttpsClient().SendAsync(Http.Get("/api/v1/me", token.Plaintext));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(gateway.Backend.LogEntries).RequestMessage!;
        Assert.DoesNotContain(received.Headers!.Values.SelectMany(v => v), v => v.Contains(token.Plaintext, StringComparison.Ordinal));
        Assert.DoesNotContain(token.Plaintext, received.Url, StringComparison.Ordinal);
        Assert.Equal(["3"], received.Header("X-Client-Id"));
        Assert.Equal(3, (await response.JsonAsync()).GetProperty("data").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Get_AnotherClientsRecord_IsBackends404()
    {
        var token = await gateway.CreateTokenAsync(2, ScopeCatalog.AccountRead);
        var clientOnesInvoice = LegacyStub.BillingData.Default.ForClient(1)!.Invoices[0].Id;

        using var response = await gateway.CreateHttpsClient().SendAsync(Http.Get($"/api/v1/invoices/{clientOnesInvoice}?client_id=1", token.Plaintext));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found.", await response.MessageAsync());
    }

    [Fact]
    public async Task Get_BackendResponse_HidesBackendSoftwareHeaders()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);

        using var response = await gateway.CreateHttpsClient().SendAsync(Http.Get("/api/v1/me", token.Plaintext));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.False(response.Headers.Contains("Server"));
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }
}
