using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace LegacyStub.Tests.Provider;

public sealed class DiscoveryTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    [Fact]
    public async Task Discovery_Started_NamesTheIssuerAndItsEndpoints()
    {
        var configuration = await IdTokens.DiscoverAsync(fixture.Provider);
        var issuer = fixture.Provider.Issuer;

        Assert.Equal($"https://127.0.0.1:{fixture.Provider.Port}/", issuer.ToString());
        Assert.Equal(issuer.ToString(), configuration.Issuer);
        Assert.Equal(new Uri(issuer, "connect/authorize").ToString(), configuration.AuthorizationEndpoint);
        Assert.Equal(new Uri(issuer, "connect/token").ToString(), configuration.TokenEndpoint);
        Assert.Equal(new Uri(issuer, "connect/userinfo").ToString(), configuration.UserInfoEndpoint);
        Assert.Equal(new Uri(issuer, "connect/logout").ToString(), configuration.EndSessionEndpoint);
        Assert.Equal(new Uri(issuer, ".well-known/jwks").ToString(), configuration.JwksUri);
    }

    [Fact]
    public async Task Discovery_Started_OffersOnlyTheCodeFlowWithS256()
    {
        var configuration = await IdTokens.DiscoverAsync(fixture.Provider);

        Assert.Equal(["code"], configuration.ResponseTypesSupported);
        Assert.Equal(["authorization_code"], configuration.GrantTypesSupported);
        Assert.Equal(["S256"], configuration.CodeChallengeMethodsSupported);
        Assert.Equal(["RS256"], configuration.IdTokenSigningAlgValuesSupported);
        Assert.Equal(["email", "openid", "profile"], configuration.ScopesSupported.Order());
        Assert.Contains("client_secret_basic", configuration.TokenEndpointAuthMethodsSupported);
        Assert.Contains("auth_time", configuration.ClaimsSupported);
        Assert.Contains("login", configuration.PromptValuesSupported);
        Assert.Contains("none", configuration.PromptValuesSupported);
    }

    [Fact]
    public async Task Jwks_Started_PublishesAnRsaSigningKeyWithoutItsPrivateParts()
    {
        using var browser = fixture.NewBrowser();

        var jwks = await browser.Http.GetFromJsonAsync<JsonElement>(new Uri(".well-known/jwks", UriKind.Relative));

        var key = Assert.Single(jwks.GetProperty("keys").EnumerateArray());
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("sig", key.GetProperty("use").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
        Assert.True(key.TryGetProperty("kid", out _));
        Assert.False(key.TryGetProperty("d", out _));
        Assert.False(key.TryGetProperty("p", out _));
    }

    [Fact]
    public async Task Discovery_ClientThatDoesNotTrustTheCertificate_FailsTls()
    {
        using var untrusting = new HttpClient();

        await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync(fixture.Provider.DiscoveryUri));
    }

    [Fact]
    public async Task Discovery_PlainHttpOnTheProviderPort_GetsNoDocument()
    {
        using var plain = new HttpClient();
        var uri = new UriBuilder(fixture.Provider.DiscoveryUri) { Scheme = "http" }.Uri;

        var answer = await Record.ExceptionAsync(async () =>
        {
            using var response = await plain.GetAsync(uri);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        });

        Assert.True(answer is null or HttpRequestException, answer?.ToString());
    }
}
