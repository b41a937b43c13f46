using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Proxy;

/// <summary>
/// Headers a client could use to pass itself off to a PHP backend, in any spelling PHP would fold to the real name,
/// tokens in headers other than Authorization, and client-address claims: the backend's request log holds only the
/// gateway's own identity, client-address and credential headers.
/// </summary>
public sealed class HeaderSpoofingTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("X-Client.Id")]
    [InlineData("X-Client~Id")]
    [InlineData("X_Client_Id")]
    [InlineData("x-CLIENT-id")]
    [InlineData("X-Client--Id")]
    [InlineData("XClientId")]
    [InlineData("X-Gateway.Token.Id")]
    [InlineData("x-gateway-client")]
    [InlineData("X.Gateway-Anything")]
    public async Task Get_IdentityHeaderByAnotherSpelling_NeverReachesTheBackend(string name)
    {
        var received = await ForwardAsync((name, "777"));

        Assert.Equal(["1"], received.Header("X-Client-Id"));
        Assert.Single(received.Header("X-Gateway-Token-Id"));
        Assert.DoesNotContain(received.Headers!.Values.SelectMany(v => v), value => value == "777");
    }

    [Theory]
    [InlineData("X.HTTP.Method.Override")]
    [InlineData("X-Http-Method~Override")]
    [InlineData("x-method.override")]
    [InlineData("X-Original.URL")]
    [InlineData("X~Rewrite~URL")]
    public async Task Get_OverrideHeaderByAnotherSpelling_NeverReachesTheBackend(string name)
    {
        var received = await ForwardAsync((name, "DELETE"));

        Assert.DoesNotContain(received.Headers!.Values.SelectMany(v => v), value => value == "DELETE");
        Assert.Equal("GET", received.Method);
    }

    [Theory]
    [InlineData("X-Api-Key", "{token}")]
    [InlineData("User-Agent", "billing-sync/1.0 ({token})")]
    [InlineData("X-Custom", "token={token}")]
    [InlineData("Referer", "https://example.com/?t={token}")]
    [InlineData("X-Admin", "opt_admin_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("X-Shouting", "OPT_LIVE_x")]
    public async Task Get_TokenShapedValueInAnyHeader_NeverReachesTheBackend(string name, string template)
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var value = template.Replace("{token}", token.Plaintext, StringComparison.Ordinal);

        var received = await ForwardAsync(token.Plaintext, (name, value));

        Assert.Empty(received.Header(name));
        var everything = string.Join('\n', received.Headers!.SelectMany(h => h.Value.Select(v => $"{h.Key}: {v}")));
        Assert.DoesNotContain("opt_live_", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("opt_admin_", everything, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("X-Real-IP")]
    [InlineData("True-Client-IP")]
    [InlineData("X-Client-IP")]
    [InlineData("Client-IP")]
    [InlineData("CF-Connecting-IP")]
    [InlineData("Fastly-Client-IP")]
    [InlineData("X-Cluster-Client-IP")]
    [InlineData("X-Originating-IP")]
    [InlineData("Forwarded")]
    [InlineData("X-Forwarded-Port")]
    [InlineData("X-Forwarded-Server")]
    [InlineData("X.Real.IP")]
    public async Task Get_ClientAddressClaim_OnlyTheGatewaysOwnReachesTheBackend(string name)
    {
        var received = await ForwardAsync((name, "10.9.8.7"));

        Assert.Empty(received.Header(name));
        Assert.DoesNotContain(received.Headers!.Values.SelectMany(v => v), value => value.Contains("10.9.8.7", StringComparison.Ordinal));
        Assert.Equal([TestPeer.DefaultAddress.ToString()], received.Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task Get_ClientXForwardedFor_IsReplacedByThePeer()
    {
        var received = await ForwardAsync(("X-Forwarded-For", "10.9.8.7"), ("X-Forwarded-Proto", "http"), ("X-Forwarded-Host", "evil.example"));

        Assert.Equal([TestPeer.DefaultAddress.ToString()], received.Header("X-Forwarded-For"));
        Assert.Equal(["https"], received.Header("X-Forwarded-Proto"));
        Assert.DoesNotContain("evil.example", string.Join(',', received.Header("X-Forwarded-Host")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_EmptyBodyWithContentHeaders_ProtectedAndTokenShapedOnesStillDropped()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();
        using var request = Http.Get("/api/v1/me", token.Plaintext);
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentLength = 0;
        request.Content.Headers.TryAddWithoutValidation("Content-Language", "opt_live_x");
        request.Headers.TryAddWithoutValidation("X-Client.Id", "777");

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var received = Assert.Single(gateway.Backend.LogEntries).RequestMessage!;
        Assert.Empty(received.Header("Content-Language"));
        Assert.Equal(["1"], received.Header("X-Client-Id"));
    }

    [Fact]
    public async Task Get_OrdinaryHeaders_StillPass()
    {
        var received = await ForwardAsync(("X-Custom-Trace", "kept"), ("Accept-Language", "de"));

        Assert.Equal(["kept"], received.Header("X-Custom-Trace"));
        Assert.Equal(["de"], received.Header("Accept-Language"));
    }

    private async Task<WireMock.IRequestMessage> ForwardAsync(params (string Name, string Value)[] headers)
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        return await ForwardAsync(token.Plaintext, headers);
    }

    private async Task<WireMock.IRequestMessage> ForwardAsync(string token, params (string Name, string Value)[] headers)
    {
        gateway.Backend.ResetLogEntries();
        using var request = Http.Get("/api/v1/me", token);
        foreach (var (name, value) in headers)
        {
            Assert.True(request.Headers.TryAddWithoutValidation(name, value), name);
        }

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single(gateway.Backend.LogEntries).RequestMessage!;
    }
}
