using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Proxy;

/// <summary>
/// Ways a client might slip another identity or its own secret past the gateway to a PHP backend:
/// request bodies on reads, PHP spellings of identity parameters, underscore headers, tokens in the query.
/// </summary>
public sealed class SmugglingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("application/json", "{\"client_id\":2}")]
    [InlineData("application/x-www-form-urlencoded", "client_id=2")]
    public async Task Get_WithBody_Is400AndNeverForwarded(string contentType, string body)
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();
        using var request = Http.Get("/api/v1/invoices", token.Plaintext);
        request.Content = new StringContent(body, System.Text.Encoding.UTF8, contentType);

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("GET and HEAD requests must not have a body.", await response.MessageAsync());
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Theory]
    [InlineData("client_id=2")]
    [InlineData("CLIENT_ID=2")]
    [InlineData("client.id=2")]
    [InlineData("client+id=2")]
    [InlineData("client-id=2")]
    [InlineData("client_id[]=2")]
    [InlineData("client_id[0]=2")]
    [InlineData("client[id=2")]
    [InlineData("client_id%00x=2")]
    [InlineData("%63lient_id=2")]
    [InlineData("user_id=2")]
    [InlineData("UserId=2")]
    [InlineData("clientid=2")]
    [InlineData("access_token=opt_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("q=OPT_LIVE_x")]
    public async Task Get_IdentityOrTokenParameter_IsRemovedAndRestPassesUntouched(string smuggled)
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.GetAsync($"/api/v1/invoices?page=2&{smuggled}&per_page=5", token.Plaintext);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(gateway.Backend.LogEntries).RequestMessage!;
        Assert.Equal("?page=2&per_page=5", received.RawQuery);
        Assert.Equal(["1"], received.Header("X-Client-Id"));
    }

    [Theory]
    [InlineData("page=1&page=2")]
    [InlineData("search=a+b&x=%20y")]
    [InlineData("&&page=1")]
    [InlineData("client_idx=1&my_client_id=3")]
    public async Task Get_QueryWithoutIdentityParameters_PassesByteForByte(string query)
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.GetAsync($"/api/v1/invoices?{query}", token.Plaintext);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"?{query}", Assert.Single(gateway.Backend.LogEntries).RequestMessage!.RawQuery);
    }

    [Fact]
    public async Task Get_UnderscoreHeaders_AreNotForwarded()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();
        using var request = Http.Get("/api/v1/me", token.Plaintext);
        request.Headers.TryAddWithoutValidation("X_Client_Id", "2");
        request.Headers.TryAddWithoutValidation("x-client_id", "3");
        request.Headers.TryAddWithoutValidation("X_Gateway_Token_Id", "9");
        request.Headers.TryAddWithoutValidation("X-Custom-Trace", "kept");

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(gateway.Backend.LogEntries).RequestMessage!;
        Assert.DoesNotContain(received.Headers!.Keys, name => name.Contains('_', StringComparison.Ordinal));
        Assert.Equal(["1"], received.Header("X-Client-Id"));
        Assert.Equal(["kept"], received.Header("X-Custom-Trace"));
    }

    [Theory]
    [InlineData("/api/v1/invoices/abc")]
    [InlineData("/api/v1/invoices/1;client_id=2")]
    [InlineData("/api/v1/invoices/1%3Fclient_id=2")]
    [InlineData("/api/v1/domains/%2e%2e/dns")]
    public async Task Get_NonNumericId_Is404AtTheGateway(string path)
    {
        var token = await gateway.CreateTokenAsync(1, gateway.AllScopes);
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.GetAsync(path, token.Plaintext);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found.", await response.MessageAsync());
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Post_Healthz_Is405()
    {
        using var response = await gateway.CreateHttpsClient().PostAsync(new Uri("/healthz", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
