using System.Net;

namespace LegacyStub.Tests.Api;

public sealed class RoutingTests(StubFixture stub) : IClassFixture<StubFixture>
{
    public static TheoryData<string> Endpoints =>
    [
        "/api/v1/me",
        "/api/v1/invoices",
        $"/api/v1/invoices/{Client1.Invoices[0].Id}",
        "/api/v1/orders",
        $"/api/v1/orders/{Client1.Orders[0].Id}",
        "/api/v1/services",
        $"/api/v1/services/{Client1.Services[0].Id}",
        "/api/v1/domains",
        $"/api/v1/domains/{Client1.Domains[0].Id}",
        $"/api/v1/domains/{Client1.Domains[0].Id}/dns",
    ];

    private static ClientData Client1 => BillingData.Default.ForClient(1)!;

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Get_EveryEndpoint_AnswersJsonLikeThePhpBackend(string path)
    {
        using var response = await stub.SendAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("PHP/8.2.12", Assert.Single(response.Headers.GetValues("X-Powered-By")));
        Assert.True((await StubFixture.ReadJsonAsync(response)).TryGetProperty("data", out _));
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Head_EveryEndpoint_SameHeadersAsGetWithoutBody(string path)
    {
        using var get = await stub.SendAsync(path);
        var getLength = (await get.Content.ReadAsByteArrayAsync()).Length;

        using var head = await stub.SendAsync(path, method: HttpMethod.Head);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal("application/json; charset=utf-8", head.Content.Headers.ContentType?.ToString());
        Assert.Equal(getLength, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/v1")]
    [InlineData("/api/v1/invoices/")]
    [InlineData("/api/v1/tickets")]
    [InlineData("/api/v2/me")]
    [InlineData("/API/V1/ME")]
    [InlineData("/api/v1/domains/201/dns/9001")]
    public async Task Get_UnknownPath_Returns404(string path)
    {
        using var response = await stub.SendAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("Not found.", (await StubFixture.ReadJsonAsync(response)).GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("POST", "/api/v1/invoices")]
    [InlineData("PUT", "/api/v1/invoices/1001")]
    [InlineData("PATCH", "/api/v1/me")]
    [InlineData("DELETE", "/api/v1/domains/201/dns")]
    [InlineData("OPTIONS", "/api/v1/services")]
    public async Task OtherMethod_KnownPath_Returns405WithAllow(string method, string path)
    {
        using var response = await stub.SendAsync(path, method: new HttpMethod(method));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order());
        Assert.Equal("PHP/8.2.12", Assert.Single(response.Headers.GetValues("X-Powered-By")));
        Assert.Equal("Method not allowed.", (await StubFixture.ReadJsonAsync(response)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task LogEntries_AfterRequest_RecordWhatTheBackendReceived()
    {
        var marker = Guid.NewGuid().ToString("N");

        using var response = await stub.SendAsync($"/api/v1/invoices?marker={marker}", clientId: 3);

        var entry = Assert.Single(stub.Server.LogEntries, e => e.RequestMessage?.RawQuery?.Contains(marker, StringComparison.Ordinal) == true);
        var received = entry.RequestMessage!;
        Assert.Equal("/api/v1/invoices", received.Path);
        Assert.Equal("3", Assert.Single(received.Headers!["X-Client-Id"]));
        Assert.Equal(StubFixture.Credential, Assert.Single(received.Headers!["Authorization"]));
        Assert.Equal(200, entry.ResponseMessage?.StatusCode);
    }
}
