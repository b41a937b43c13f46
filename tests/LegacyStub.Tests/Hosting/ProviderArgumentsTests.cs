using LegacyStub.Hosting;

namespace LegacyStub.Tests.Hosting;

public sealed class ProviderArgumentsTests
{
    [Fact]
    public void Parse_NoOidcOption_LeavesTheProviderOff()
    {
        Assert.Null(StubArguments.Parse(["--port", "6001"], null, "env-secret").Provider);
    }

    [Fact]
    public void Parse_OidcPortAlone_StartsTheProviderWithNoClient()
    {
        var provider = StubArguments.Parse(["--oidc-port", "0"], null).Provider!;

        Assert.Equal(0, provider.Port);
        Assert.Empty(provider.Clients);
    }

    [Fact]
    public void Parse_TwoClients_EachTakesTheOptionsThatFollowIt()
    {
        var provider = StubArguments.Parse(
        [
            "--host", "::1",
            "--oidc-client-id", "gateway-portal", "--oidc-client-secret=s1",
            "--oidc-redirect-uri", "https://127.0.0.1:8443/client/signin-oidc",
            "--oidc-redirect-uri", "https://localhost:8443/client/signin-oidc",
            "--oidc-post-logout-redirect-uri", "https://127.0.0.1:8443/client/signed-out",
            "--oidc-display-name", "Token Gateway",
            "--oidc-client-id", "reports", "--oidc-client-secret", "s2", "--oidc-redirect-uri", "https://reports.example.test/cb",
        ], null).Provider!;

        Assert.Equal("::1", provider.Host);
        Assert.Equal(5443, provider.Port);
        Assert.Equal(["gateway-portal", "reports"], provider.Clients.Select(c => c.ClientId));
        var portal = provider.Clients[0];
        Assert.Equal("s1", portal.ClientSecret);
        Assert.Equal(2, portal.RedirectUris.Count);
        Assert.Equal(new Uri("https://127.0.0.1:8443/client/signed-out"), Assert.Single(portal.PostLogoutRedirectUris));
        Assert.Equal("Token Gateway", portal.DisplayName);
        Assert.Equal("s2", provider.Clients[1].ClientSecret);
        Assert.Empty(provider.Clients[1].PostLogoutRedirectUris);
    }

    [Fact]
    public void Parse_PortIssuerAndCertificateFile_AreRead()
    {
        var provider = StubArguments.Parse(
            ["--oidc-port=7443", "--oidc-issuer", "https://billing.example.test:7443/", "--oidc-cert-file", "/tmp/p.crt"], null).Provider!;

        Assert.Equal(7443, provider.Port);
        Assert.Equal(new Uri("https://billing.example.test:7443/"), provider.Issuer);
        Assert.Equal("/tmp/p.crt", provider.CertificatePath);
    }

    [Fact]
    public void Parse_NoSecretOnTheCommandLine_TakesTheEnvironmentsSecret()
    {
        var provider = StubArguments.Parse(
            ["--oidc-client-id", "gw", "--oidc-redirect-uri", "https://127.0.0.1:8443/cb"], null, "from-env").Provider!;

        Assert.Equal("from-env", Assert.Single(provider.Clients).ClientSecret);
    }

    [Theory]
    [InlineData("--oidc-client-id", "gw", "--oidc-redirect-uri", "https://127.0.0.1/cb")]
    [InlineData("--oidc-client-id", "gw", "--oidc-client-secret", "s")]
    [InlineData("--oidc-redirect-uri", "https://127.0.0.1/cb")]
    [InlineData("--oidc-client-secret", "s")]
    [InlineData("--oidc-client-id", "gw", "--oidc-client-secret", "s", "--oidc-redirect-uri", "/relative")]
    [InlineData("--oidc-client-id", "gw", "--oidc-client-secret", "s", "--oidc-redirect-uri", "https://127.0.0.1/cb#x")]
    [InlineData("--oidc-port", "65536")]
    [InlineData("--oidc-port", "x")]
    [InlineData("--oidc-issuer", "http://billing.example.test/")]
    [InlineData("--oidc-issuer", "https://billing.example.test/oauth/")]
    [InlineData("--host", "billing.example.test", "--oidc-port", "0")]
    [InlineData("--oidc-client-id")]
    public void Parse_IncompleteOrBadProviderOptions_Throw(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => StubArguments.Parse(args, null));
    }

    [Fact]
    public void Parse_BadOption_NeverEchoesTheSecret()
    {
        var error = Assert.Throws<ArgumentException>(() => StubArguments.Parse(
            ["--oidc-client-id", "gw", "--oidc-client-secret", "super-secret-value", "--oidc-redirect-uri", "not a uri"], null));

        Assert.DoesNotContain("super-secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Usage_DocumentsEveryProviderOption()
    {
        foreach (var option in new[]
                 {
                     "--oidc-port", "--oidc-issuer", "--oidc-cert-file", "--oidc-client-id", "--oidc-client-secret",
                     "--oidc-redirect-uri", "--oidc-post-logout-redirect-uri", "--oidc-display-name", StubArguments.OidcSecretVariable,
                 })
        {
            Assert.Contains(option, StubArguments.Usage, StringComparison.Ordinal);
        }
    }
}
