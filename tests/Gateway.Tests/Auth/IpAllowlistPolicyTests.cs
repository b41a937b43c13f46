using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Auth;

/// <summary>Per-token allowlists on real requests, and the client address behind untrusted proxies.</summary>
public sealed class IpAllowlistPolicyTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("10.5.3.33", "10.5.3.33")]
    [InlineData("10.5.3.0/24", "10.5.3.77")]
    [InlineData("2001:db8:1::5", "2001:db8:1::5")]
    [InlineData("12AB:0:0:CD30::/60", "12ab:0:0:cd31::1")]
    [InlineData("10.5.3.0/24", "::ffff:10.5.3.9")]
    public async Task Get_PeerInsideAllowlist_IsForwarded(string entry, string peer)
    {
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], AllowedIps = [entry] });
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.GetAsync("/api/v1/me", token.Plaintext, peer);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(gateway.Backend.LogEntries);
    }

    [Theory]
    [InlineData("10.5.3.33", "10.5.3.34")]
    [InlineData("10.5.3.0/24", "10.5.4.1")]
    [InlineData("2001:db8:1::5", "2001:db8:1::6")]
    [InlineData("12AB:0:0:CD30::/60", "12ab:0:0:cd40::1")]
    public async Task Get_PeerOutsideAllowlist_Is403AndNeverForwarded(string entry, string peer)
    {
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], AllowedIps = [entry] });
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.GetAsync("/api/v1/me", token.Plaintext, peer);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("This IP address is not allowed to use this token.", body.GetProperty("message").GetString());
        Assert.False(body.TryGetProperty("required_scope", out _));
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Get_EmptyAllowlist_AnyPeerIsForwarded()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);

        using var v4 = await gateway.GetAsync("/api/v1/me", token.Plaintext, "198.51.100.23");
        using var v6 = await gateway.GetAsync("/api/v1/me", token.Plaintext, "2001:db8:ffff::1");

        Assert.Equal(HttpStatusCode.OK, v4.StatusCode);
        Assert.Equal(HttpStatusCode.OK, v6.StatusCode);
    }

    [Fact]
    public async Task Get_SpoofedForwardedForFromUntrustedPeer_IsIgnored()
    {
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], AllowedIps = ["10.5.3.33"] });
        gateway.Backend.ResetLogEntries();
        using var request = Http.Get("/api/v1/me", token.Plaintext).From("198.51.100.7");
        request.Headers.Add("X-Forwarded-For", "10.5.3.33");

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Get_IpOutsideAllowlistAndScopeMissing_AnswersAllowlistFirst()
    {
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.DnsRead], AllowedIps = ["10.5.3.33"] });

        using var response = await gateway.GetAsync("/api/v1/me", token.Plaintext, "10.9.9.9");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("This IP address is not allowed to use this token.", await response.MessageAsync());
    }

    [Fact]
    public async Task Create_101Entries_IsRefusedAndNothingSaved()
    {
        var entries = Enumerable.Range(1, 101).Select(i => $"10.0.{i / 250}.{i % 250}").ToArray();
        var before = (await gateway.Tokens.ListAsync(42)).Count;

        var error = await Assert.ThrowsAsync<TokenValidationException>(() =>
            gateway.CreateTokenAsync(new TokenSpec { ClientId = 42, AllowedIps = entries }));

        Assert.Contains("At most 100", Assert.Single(error.Errors["allowedIps"]), StringComparison.Ordinal);
        Assert.Equal(before, (await gateway.Tokens.ListAsync(42)).Count);
        var hundred = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 42, AllowedIps = entries[..100] });
        Assert.Equal(100, hundred.Token.AllowedIps.Count);
    }

    [Fact]
    public async Task Create_GarbageEntries_NamesEachBadEntry()
    {
        var error = await Assert.ThrowsAsync<TokenValidationException>(() =>
            gateway.CreateTokenAsync(new TokenSpec { ClientId = 42, AllowedIps = ["10.5.3.33", "nonsense", "10.5.3.33/24", "300.1.1.1"] }));

        var messages = error.Errors["allowedIps"];
        Assert.Equal(3, messages.Length);
        Assert.Contains(messages, m => m.Contains("'nonsense'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'10.5.3.33/24'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("'300.1.1.1'", StringComparison.Ordinal));
    }
}
