using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gateway.Tests.Hosting;

/// <summary>404, 405 and 403-over-HTTP answers of DESIGN §5, with their JSON bodies.</summary>
public sealed class ErrorAnswerTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("POST", "/api/v1/me")]
    [InlineData("PUT", "/api/v1/invoices/1")]
    [InlineData("PATCH", "/api/v1/orders/1")]
    [InlineData("DELETE", "/api/v1/domains/1")]
    [InlineData("DELETE", "/api/v1/domains/1/dns")]
    [InlineData("OPTIONS", "/api/v1/services")]
    public async Task Send_NonReadMethodOnApiPath_Is405WithAllowAndNeverForwarded(string method, string path)
    {
        var token = await gateway.CreateTokenAsync(1, gateway.AllScopes);
        gateway.Backend.ResetLogEntries();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}") };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token.Plaintext}");

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("Method not allowed.", await response.MessageAsync());
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api")]
    [InlineData("/api/v1")]
    [InlineData("/api/v1/users")]
    [InlineData("/api/v1/invoices/1/items")]
    [InlineData("/api/v2/me")]
    [InlineData("/admin/api/v1/tokens")]
    public async Task Get_UnknownPath_Is404JsonAndNeverForwarded(string path)
    {
        var token = await gateway.CreateTokenAsync(1, gateway.AllScopes);
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.CreateHttpsClient().SendAsync(Http.Get(path, token.Plaintext));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found.", await response.MessageAsync());
        Assert.Equal("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Head_AllowedRoute_ForwardsAsHead()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();
        using var request = new HttpRequestMessage(HttpMethod.Head, "/api/v1/invoices");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token.Plaintext}");

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("HEAD", Assert.Single(gateway.Backend.LogEntries).RequestMessage!.Method);
    }

    [Fact]
    public async Task Get_PlainHttp_Is403HttpsRequiredAndNeverForwarded()
    {
        gateway.Backend.ResetLogEntries();
        var client = gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });

        using var response = await client.SendAsync(Http.Get("/api/v1/me"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("HTTPS is required.", await response.MessageAsync());
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Get_ValidTokenOverPlainHttp_RevokesTokenAndNextHttpsCallIs401()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var plain = gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });

        using var exposed = await plain.SendAsync(Http.Get("/api/v1/me", token.Plaintext));
        using var next = await gateway.CreateHttpsClient().SendAsync(Http.Get("/api/v1/me", token.Plaintext));

        Assert.Equal(HttpStatusCode.Forbidden, exposed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, next.StatusCode);
        var stored = await gateway.Tokens.GetAsync(token.Token.Id);
        Assert.Equal(TokenStatus.Revoked, stored!.Status);
        Assert.Equal("gateway", stored.RevokedBy);
    }

    [Fact]
    public async Task Get_Healthz_IsHealthyWithoutToken()
    {
        using var response = await gateway.CreateHttpsClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
