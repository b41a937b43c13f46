using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.SelfCheck;

/// <summary><c>GET /api/v1/token</c>: answered by the gateway for any valid token, never the secret, never the backend.</summary>
public sealed class TokenSelfCheckTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Get_ValidTokenWithoutTheRoutesScope_AnswersWhatItMayDoWithoutBackend()
    {
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 2, Name = "Billing Dashboard", Scopes = [ScopeCatalog.DnsRead], AllowedIps = ["127.0.0.1", "::1"] });
        var received = gateway.Backend.LogEntries.Count;

        using var response = await gateway.GetAsync("/api/v1/token", token.Plaintext, peer: "127.0.0.1");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(received, gateway.Backend.LogEntries.Count);
        var data = (await response.JsonAsync()).GetProperty("data");
        Assert.Equal(token.Token.Id, data.GetProperty("id").GetInt64());
        Assert.Equal(2, data.GetProperty("client_id").GetInt64());
        Assert.Equal("Billing Dashboard", data.GetProperty("name").GetString());
        Assert.Equal(["dns:read"], data.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(token.Token.ExpiresOn!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), data.GetProperty("expires_on").GetString());
        Assert.True(data.TryGetProperty("created_at", out _));
        Assert.True(data.TryGetProperty("last_used_at", out _));
        Assert.DoesNotContain(token.Plaintext, body, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(TokenFormat.Hash(token.Plaintext)), body, StringComparison.Ordinal);
        Assert.True(response.Headers.Contains("X-RateLimit-Remaining"));
    }

    [Fact]
    public async Task Get_NoOrRevokedToken_Is401()
    {
        var token = await gateway.CreateTokenAsync(2, ScopeCatalog.AccountRead);
        await gateway.Tokens.RevokeAsync(token.Token.Id, "test", null);

        using var none = await gateway.GetAsync("/api/v1/token", null);
        using var revoked = await gateway.GetAsync("/api/v1/token", token.Plaintext);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        Assert.Equal("Unauthenticated.", await revoked.MessageAsync());
    }

    [Fact]
    public async Task Get_FromAddressOutsideAllowlist_Is403()
    {
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 2, AllowedIps = ["203.0.113.7"] });

        using var response = await gateway.GetAsync("/api/v1/token", token.Plaintext, peer: "198.51.100.1");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This IP address is not allowed to use this token.", await response.MessageAsync());
    }

    [Fact]
    public async Task Post_SelfCheck_Is405()
    {
        var token = await gateway.CreateTokenAsync(2, ScopeCatalog.AccountRead);
        using var request = Http.Get("/api/v1/token", token.Plaintext);
        request.Method = HttpMethod.Post;

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task ClientDocument_DescribesSelfCheck()
    {
        using var response = await gateway.CreateHttpsClient().GetAsync(new Uri("/openapi/client.json", UriKind.Relative));

        var get = (await response.JsonAsync()).GetProperty("paths").GetProperty("/api/v1/token").GetProperty("get");
        Assert.Equal("getToken", get.GetProperty("operationId").GetString());
        Assert.True(get.GetProperty("responses").TryGetProperty("401", out _));
    }
}
