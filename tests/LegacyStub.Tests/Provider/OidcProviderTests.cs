using System.Net;
using System.Security.Cryptography.X509Certificates;
using LegacyStub.Provider;

namespace LegacyStub.Tests.Provider;

public sealed class OidcProviderTests
{
    [Fact]
    public async Task StartAsync_PortZero_PicksAFreePortAndNamesItInTheIssuer()
    {
        await using var first = await OidcProvider.StartAsync(new OidcProviderOptions());
        await using var second = await OidcProvider.StartAsync(new OidcProviderOptions());

        Assert.NotEqual(0, first.Port);
        Assert.NotEqual(first.Port, second.Port);
        Assert.Equal(new Uri($"https://127.0.0.1:{first.Port}/"), first.Issuer);
        Assert.False(first.Certificate.HasPrivateKey);
    }

    [Fact]
    public async Task StartAsync_CertificatePath_WritesThePublicPemAClientCanTrust()
    {
        var folder = Directory.CreateTempSubdirectory("legacy-stub-provider-");
        try
        {
            var path = Path.Combine(folder.FullName, "nested", "provider.crt");
            await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions { CertificatePath = path });

            var pem = await File.ReadAllTextAsync(path);
            Assert.DoesNotContain("PRIVATE KEY", pem, StringComparison.Ordinal);
            using var written = X509Certificate2.CreateFromPem(pem);
            Assert.Equal(provider.Certificate.Thumbprint, written.Thumbprint);

            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == written.Thumbprint,
            };
            using var client = new HttpClient(handler);
            using var response = await client.GetAsync(provider.DiscoveryUri);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task StartAsync_IssuerGiven_IsAnnouncedAndItsHostIsInTheCertificate()
    {
        await using var provider = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            Issuer = new Uri("https://billing.example.test:5443/"),
        });
        using var browser = new OidcBrowser(provider, ProviderFixture.Portal);

        // billing.example.test does not resolve here: ask by address, as a client with a hosts entry would.
        var discovery = await OidcBrowser.ReadJsonAsync(
            await browser.Http.GetAsync(new Uri($"https://127.0.0.1:{provider.Port}/.well-known/openid-configuration")));

        Assert.Equal("https://billing.example.test:5443/", discovery.GetProperty("issuer").GetString());
        var names = provider.Certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single().EnumerateDnsNames();
        Assert.Contains("billing.example.test", names);
    }

    [Fact]
    public async Task CreateTrustingHandler_AnotherProvidersCertificate_IsRefused()
    {
        await using var first = await OidcProvider.StartAsync(new OidcProviderOptions());
        await using var second = await OidcProvider.StartAsync(new OidcProviderOptions());
        using var trustsFirstOnly = new HttpClient(first.CreateTrustingHandler());

        using var ok = await trustsFirstOnly.GetAsync(first.DiscoveryUri);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => trustsFirstOnly.GetAsync(second.DiscoveryUri));
    }

    [Theory]
    [InlineData("", "secret", "https://rp.example.test/cb")]
    [InlineData("rp", "", "https://rp.example.test/cb")]
    [InlineData("rp", "secret", null)]
    [InlineData("rp", "secret", "https://rp.example.test/cb#fragment")]
    [InlineData("rp", "secret", "ftp://rp.example.test/cb")]
    public async Task StartAsync_BadRegistration_Throws(string clientId, string secret, string? redirect)
    {
        var registration = new OidcClientRegistration
        {
            ClientId = clientId,
            ClientSecret = secret,
            RedirectUris = redirect is null ? [] : [new Uri(redirect)],
        };

        await Assert.ThrowsAsync<ArgumentException>(() =>
            OidcProvider.StartAsync(new OidcProviderOptions { Clients = [registration] }));
    }

    [Fact]
    public async Task StartAsync_SameClientTwice_Throws()
    {
        var registration = ProviderFixture.Portal.Registration;

        await Assert.ThrowsAsync<ArgumentException>(() =>
            OidcProvider.StartAsync(new OidcProviderOptions { Clients = [registration, registration] }));
    }

    [Fact]
    public async Task StartAsync_HostName_ThrowsAskingForAnAddress()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            OidcProvider.StartAsync(new OidcProviderOptions { Host = "billing.example.test" }));

        Assert.Contains("IP address or localhost", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://billing.example.test/")]
    [InlineData("https://billing.example.test/oauth/")]
    public async Task StartAsync_BadIssuer_Throws(string issuer)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            OidcProvider.StartAsync(new OidcProviderOptions { Issuer = new Uri(issuer) }));
    }
}
