using System.Net;

namespace LegacyStub.Tests.Api;

public sealed class BackendAuthTests(StubFixture stub) : IClassFixture<StubFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer wrong-secret")]
    [InlineData("bearer test-backend-secret")]
    [InlineData("Bearer test-backend-secret-and-more")]
    [InlineData("Basic dGVzdDp0ZXN0")]
    public async Task Get_MissingOrWrongCredential_Returns401(string? credential)
    {
        using var response = await stub.SendAsync("/api/v1/me", clientId: 1, credential: credential);

        await AssertUnauthenticatedAsync(response);
    }

    [Theory]
    [InlineData("/api/v1/no-such-endpoint", "GET")]
    [InlineData("/api/v1/invoices", "POST")]
    [InlineData("/", "DELETE")]
    public async Task AnyPathOrMethod_WithoutCredential_Returns401BeforeRouting(string path, string method)
    {
        using var response = await stub.SendAsync(path, credential: null, method: new HttpMethod(method));

        await AssertUnauthenticatedAsync(response);
    }

    [Fact]
    public async Task Get_HealthPathWithoutCredential_Returns200WithStatusOnly()
    {
        using var response = await stub.SendAsync(BillingStub.HealthPath, clientId: null, credential: null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"ok\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_WithoutClientId_Returns401()
    {
        using var response = await stub.SendAsync("/api/v1/me", clientId: null);

        await AssertUnauthenticatedAsync(response);
    }

    [Fact]
    public async Task Get_UnknownClientId_Returns401()
    {
        using var response = await stub.SendAsync("/api/v1/me", clientId: 999_999);

        await AssertUnauthenticatedAsync(response);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("1.0")]
    [InlineData("-1")]
    [InlineData("1 OR 1=1")]
    [InlineData("99999999999999999999")]
    public async Task Get_MalformedClientId_Returns401(string clientId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Authorization", StubFixture.Credential);
        request.Headers.TryAddWithoutValidation("X-Client-Id", clientId);

        using var response = await stub.Client.SendAsync(request);

        await AssertUnauthenticatedAsync(response);
    }

    [Fact]
    public async Task Get_RepeatedClientIdHeader_Returns401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("Authorization", StubFixture.Credential);
        request.Headers.Add("X-Client-Id", ["1", "2"]);

        using var response = await stub.Client.SendAsync(request);

        await AssertUnauthenticatedAsync(response);
    }

    [Fact]
    public async Task Get_ClientIdInQueryOnly_Returns401()
    {
        using var response = await stub.SendAsync("/api/v1/me?client_id=1", clientId: null);

        await AssertUnauthenticatedAsync(response);
    }

    [Fact]
    public async Task Get_ClientIdHeaderNameInOtherCase_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Add("authorization", StubFixture.Credential);
        request.Headers.Add("x-client-id", "2");

        using var response = await stub.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task AssertUnauthenticatedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await StubFixture.ReadJsonAsync(response);
        Assert.Equal("Unauthenticated.", body.GetProperty("message").GetString());
    }
}
