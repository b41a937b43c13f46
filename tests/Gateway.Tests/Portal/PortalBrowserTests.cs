using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.Tests.AdminUi;
using LegacyStub;
using Microsoft.Playwright;

namespace Gateway.Tests.Portal;

/// <summary>One gateway + provider + Chromium for the portal's browser tests, which run alone (page timings on 2 cores).</summary>
[CollectionDefinition(nameof(PortalBrowserGroup), DisableParallelization = true)]
public sealed class PortalBrowserGroup : ICollectionFixture<PortalFixture>;

/// <summary>
/// A client in Debian's Chromium (Playwright): signs in at the stub provider's form, creates a token and sees it once
/// in the green box, calls the API with it (client 1's data), reloads (gone), filters the list by typing, revokes it
/// with the re-entered password; the next API call is 401. Every portal page is saved as a screenshot.
/// </summary>
[Collection(nameof(PortalBrowserGroup))]
public sealed class PortalBrowserTests(PortalFixture fixture) : IAsyncLifetime
{
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    private string Portal => fixture.PublicBase.ToString().TrimEnd('/');

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = "/usr/bin/chromium", Args = ChromiumArgs, Headless = true });
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    [Fact]
    public async Task Client_CreatesUsesFiltersAndRevokesAToken_InARealBrowser()
    {
        var login = SeedLogins.ForClient(1);
        await using var context = await _browser.NewContextAsync(new BrowserNewContextOptions { IgnoreHTTPSErrors = true });
        var page = await context.NewPageAsync();

        // Sign in at the billing system's form: the gateway never sees the password.
        await page.GotoAsync($"{Portal}/client/api-tokens");
        await page.WaitForSelectorAsync("input[name=email]");
        Assert.Equal(fixture.Provider.Port, new Uri(page.Url).Port);
        await BrowserFixture.ScreenshotAsync(page, "portal-01-provider-sign-in");
        await SignInAtProviderAsync(page, login);
        await page.WaitForURLAsync($"{Portal}/client/api-tokens");
        await BrowserFixture.ScreenshotAsync(page, "portal-02-tokens");

        // Create: the plaintext once, in the green box.
        await page.FillAsync("#create-form input[name='Form.Name']", "WordPress Plugin");
        await page.ClickAsync("#create-token");
        await page.WaitForSelectorAsync("#new-token");
        var plaintext = (await page.InnerTextAsync("#new-token-value")).Trim();
        await BrowserFixture.ScreenshotAsync(page, "portal-03-new-token");
        using (var me = await ApiAsync("/api/v1/me", plaintext))
        {
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
            Assert.Equal(1, JsonDocument.Parse(await me.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("id").GetInt64());
        }

        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("#new-token").CountAsync());
        Assert.DoesNotContain(plaintext, await page.ContentAsync(), StringComparison.Ordinal);

        // A second token, then filter as you type.
        await page.FillAsync("#create-form input[name='Form.Name']", "deploy-script");
        await page.ClickAsync("#create-token");
        await page.WaitForSelectorAsync("#new-token");
        await page.ClickAsync("#saved-token");
        await page.FillAsync("#token-filter", "wordp");
        Assert.True(await page.Locator("#tokens tbody tr:has-text('WordPress Plugin')").IsVisibleAsync());
        Assert.False(await page.Locator("#tokens tbody tr:has-text('deploy-script')").IsVisibleAsync());
        await BrowserFixture.ScreenshotAsync(page, "portal-04-filtered");
        await page.FillAsync("#token-filter", "");

        // Edit and revoke-all pages, for the record.
        var row = page.Locator("#tokens tbody tr:has-text('deploy-script')");
        await row.Locator("a:has-text('Edit')").ClickAsync();
        await page.WaitForSelectorAsync("#edit-form");
        await BrowserFixture.ScreenshotAsync(page, "portal-05-edit");
        await page.GotoAsync($"{Portal}/client/api-tokens/revoke-all");
        await BrowserFixture.ScreenshotAsync(page, "portal-06-revoke-all");

        // Revoke: confirm, enter the password again at the provider, back with the notice; the API refuses the token.
        await page.GotoAsync($"{Portal}/client/api-tokens");
        await page.Locator("#tokens tbody tr:has-text('WordPress Plugin')").Locator("a:has-text('Revoke')").ClickAsync();
        await page.WaitForSelectorAsync("#confirm-revoke");
        await BrowserFixture.ScreenshotAsync(page, "portal-07-revoke-confirm");
        await page.ClickAsync("#confirm-revoke");
        await page.WaitForSelectorAsync("input[name=password]");
        Assert.Equal(fixture.Provider.Port, new Uri(page.Url).Port);
        await BrowserFixture.ScreenshotAsync(page, "portal-08-password-again");
        await SignInAtProviderAsync(page, login);
        await page.WaitForSelectorAsync("#done");
        Assert.Contains("The token was revoked", await page.InnerTextAsync("#done"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "portal-09-revoked");
        using (var after = await ApiAsync("/api/v1/me", plaintext))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }

        // The remaining pages: a problem page, and signing out.
        await page.GotoAsync($"{Portal}/client/problem/closed");
        await BrowserFixture.ScreenshotAsync(page, "portal-10-problem");
        await page.GotoAsync($"{Portal}/client/api-tokens");
        await page.ClickAsync("#sign-out");
        // Signed out here and at the provider (RP-initiated logout), then back on the portal's own page.
        await page.WaitForSelectorAsync("#signed-out");
        Assert.Equal($"{Portal}/client/signout", page.Url);
        await BrowserFixture.ScreenshotAsync(page, "portal-11-signed-out");
    }

    private static async Task SignInAtProviderAsync(IPage page, SeedLogin login)
    {
        if (await page.Locator("input[name=email]").CountAsync() > 0 && await page.InputValueAsync("input[name=email]") != login.Email)
        {
            await page.FillAsync("input[name=email]", login.Email);
        }

        await page.FillAsync("input[name=password]", login.Password);
        await page.ClickAsync("button[value=sign-in]");
    }

    private async Task<HttpResponseMessage> ApiAsync(string path, string token)
    {
        using var client = fixture.ApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }
}
