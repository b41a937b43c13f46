using System.Net;
using System.Web;
using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using LegacyStub;
using LegacyStub.Provider;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gateway.Tests.Portal;

/// <summary>
/// The 5-minute rule of the password re-entry, on a clock the test moves: the gateway in a test host (its clock
/// injected), the stub's real provider over HTTPS. A re-authentication whose <c>auth_time</c> is older than 5 minutes
/// when it comes back revokes nothing, whatever the provider said.
/// </summary>
public sealed class PortalReauthenticationTimeTests : IAsyncLifetime, IDisposable
{
    private const string ClientId = "gateway-portal-clock";
    private readonly string _secret = Guid.NewGuid().ToString("N");
    private readonly GatewayFixture _gateway = new() { Clock = new ManualTimeProvider(DateTimeOffset.UtcNow, TimeZoneInfo.Utc) };
    private OidcProvider _provider = null!;

    public async Task InitializeAsync()
    {
        await _gateway.InitializeAsync();
        var certificate = Path.Combine(_gateway.DataPath, "provider.crt");
        Directory.CreateDirectory(_gateway.DataPath);
        _provider = await OidcProvider.StartAsync(new OidcProviderOptions
        {
            CertificatePath = certificate,
            Clients = [new OidcClientRegistration { ClientId = ClientId, ClientSecret = _secret, RedirectUris = [new Uri("https://localhost/client/signin-oidc")] }],
        });
        _gateway.Settings["Gateway:Portal:Authority"] = _provider.Issuer.ToString();
        _gateway.Settings["Gateway:Portal:ClientId"] = ClientId;
        _gateway.Settings["Gateway:Portal:ClientSecret"] = _secret;
        _gateway.Settings["Gateway:Portal:ProviderCertificate"] = certificate;
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await _gateway.DisposeAsync();
    }

    public void Dispose() => _gateway.Dispose();

    [Fact]
    public async Task Revoke_PasswordEnteredMoreThanFiveMinutesBeforeTheAnswer_RevokesNothing()
    {
        var portal = _gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        var handler = _provider.CreateTrustingHandler();
        handler.AllowAutoRedirect = false;
        handler.UseCookies = true;
        using var provider = new HttpClient(handler);
        var login = SeedLogins.ForClient(1);

        using var signIn = await portal.GetAsync(new Uri("/client/signin", UriKind.Relative));
        await PortalAsync(portal, await PasswordAsync(provider, signIn.Headers.Location!, login));
        var token = await _gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using var confirm = await portal.GetAsync(new Uri($"/client/api-tokens/{token.Token.Id}/revoke", UriKind.Relative));
        var form = PageForm.Parse(await confirm.Content.ReadAsStringAsync(), "revoke-form");
        // The gateway's clock and the provider's (which writes auth_time) agree when the revocation starts.
        _gateway.Clock!.Set(DateTimeOffset.UtcNow);
        using var toProvider = await portal.PostAsync(new Uri($"/client/api-tokens/{token.Token.Id}/revoke", UriKind.Relative), form.Submit());
        var callback = await PasswordAsync(provider, toProvider.Headers.Location!, login);

        // The answer reaches the gateway 6 minutes after the password was entered.
        _gateway.Clock.Set(DateTimeOffset.UtcNow + TimeSpan.FromMinutes(6));
        using var landed = await portal.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/client/api-tokens?done=not-revoked", landed.Headers.Location!.OriginalString);
        Assert.Equal(TokenStatus.Active, (await _gateway.Tokens.GetAsync(token.Token.Id))!.Status);
        var refused = await AuditFile.ActionAsync(Path.Combine(_gateway.DataPath, "logs"), "portal.reauth_refused", $"token:{token.Token.Id}");
        Assert.Equal("stale_authentication", refused.GetProperty("Outcome").GetString());
    }

    /// <summary>At the provider: the form (a first sign-in, or prompt=login), the password; returns the callback URL.</summary>
    private static async Task<Uri> PasswordAsync(HttpClient provider, Uri authorize, SeedLogin login)
    {
        using var page = await provider.GetAsync(authorize);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var form = PageForm.Parse(await page.Content.ReadAsStringAsync());
        using var posted = await provider.PostAsync(new Uri(authorize, form.Action), form.Submit(("email", login.Email), ("password", login.Password), ("stub_action", "sign-in")));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var callback = posted.Headers.Location!;
        Assert.Equal("/client/signin-oidc", callback.AbsolutePath);
        Assert.False(string.IsNullOrEmpty(HttpUtility.ParseQueryString(callback.Query)["code"]));
        return callback;
    }

    private static async Task PortalAsync(HttpClient portal, Uri callback)
    {
        using var landed = await portal.GetAsync(new Uri(callback.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, landed.StatusCode);
        Assert.Equal("/client/api-tokens", landed.Headers.Location!.OriginalString);
    }
}
