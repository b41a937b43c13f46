using System.Net;
using Gateway.Tests.Audit;
using LegacyStub;

namespace Gateway.Tests.Portal;

/// <summary>Signing in to the portal at the stub's real OpenID Connect provider, over HTTPS; the session cookie; sign-out.</summary>
public sealed class PortalSignInTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task SignIn_AtTheProvidersForm_LandsOnTheTokenPageWithASessionCookieAndAudits()
    {
        using var browser = fixture.NewBrowser();

        using var page = await browser.SignInAsync(SeedLogins.ForClient(1));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("/client/api-tokens", browser.Location!.AbsolutePath);
        Assert.Contains("<h1>API tokens</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Client 1", html, StringComparison.Ordinal);
        var cookie = Assert.Single(browser.Cookies.GetCookies(fixture.PublicBase), c => c.Name == "__Host-gateway-portal");
        Assert.True(cookie.Secure && cookie.HttpOnly);
        Assert.Equal("/", cookie.Path);
        var signIn = await AuditFile.ActionAsync(fixture.AuditFolder, "portal.sign_in", "client:1");
        Assert.Equal("client:1", signIn.GetProperty("Actor").GetString());
        Assert.Equal("portal", signIn.GetProperty("Via").GetString());
        Assert.Equal("succeeded", signIn.GetProperty("Outcome").GetString());
    }
}
