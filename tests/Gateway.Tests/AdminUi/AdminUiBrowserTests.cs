using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Playwright;

namespace Gateway.Tests.AdminUi;

/// <summary>The staff UI in real Chromium against the real gateway: what a staff member does and sees.</summary>
[Collection(nameof(BrowserGroup))]
public sealed class AdminUiBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignIn_Admin_LandsOnTokenList()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "01-signin");

        page = await fixture.SignInAsync(context);

        Assert.Equal("API tokens", await page.TextContentAsync("h1"));
        var cookie = Assert.Single(await context.CookiesAsync(), c => c.Name == "__Host-gateway-admin");
        Assert.True(cookie.HttpOnly);
        Assert.True(cookie.Secure);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
    }

    [Fact]
    public async Task CreateToken_ShownOnceAndWorksOnPublicApi_GoneAfterReload()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);
        await page.ClickAsync("#create-token");
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now).AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), await page.InputValueAsync("input[name='Form.ExpiresOn']"));
        await page.FillAsync("input[name='Form.ClientId']", "1");
        await page.FillAsync("input[name='Form.Name']", "browser-made");
        await page.CheckAsync("input[name='Form.Scopes'][value='account:read']");
        await page.FillAsync("textarea[name='Form.AllowedIps']", "127.0.0.1\n::1");
        await BrowserFixture.ScreenshotAsync(page, "02-create-form");
        await page.ClickAsync("#create-form button[type=submit]");

        var plaintext = (await page.TextContentAsync("#new-token"))!.Trim();
        await BrowserFixture.ScreenshotAsync(page, "03-token-created");
        Assert.Matches("^opt_live_[0-9A-Za-z]{38}$", plaintext);
        Assert.Contains("will not be shown again", await page.TextContentAsync(".new-token"), StringComparison.Ordinal);

        using var api = fixture.Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", plaintext);
        using var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await page.ReloadAsync();
        Assert.Equal(0, await page.Locator("#new-token").CountAsync());
        Assert.DoesNotContain(plaintext, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_BadAllowlistEntry_ShowsErrorAndSavesNothing()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);
        await page.GotoAsync("/tokens/create");
        await page.FillAsync("input[name='Form.ClientId']", "2");
        await page.FillAsync("input[name='Form.Name']", "bad-ips");
        await page.FillAsync("textarea[name='Form.AllowedIps']", "10.0.0.1/8");
        await page.ClickAsync("#create-form button[type=submit]");

        Assert.Contains("'10.0.0.1/8' is not an IPv4/IPv6 address", await page.TextContentAsync(".alert.error"), StringComparison.Ordinal);
        var listed = await fixture.CliAsync(null, "tokens", "list", "--client", "2", "--json");
        Assert.DoesNotContain("bad-ips", listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenList_TypingInSearch_FiltersRows()
    {
        await fixture.CliAsync(null, "tokens", "create", "--client", "7", "--name", "alpha-filter", "--scopes", "account:read");
        await fixture.CliAsync(null, "tokens", "create", "--client", "7", "--name", "beta-filter", "--scopes", "account:read");
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);
        await page.GotoAsync("/?client=7");

        await page.FillAsync("#token-filter", "beta");

        var visible = page.Locator("#tokens tbody tr:visible");
        Assert.Equal(1, await visible.CountAsync());
        Assert.Contains("beta-filter", await visible.First.TextContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "04-token-list-filtered");
    }

    [Fact]
    public async Task TokenList_ExpiringSoonYellowExpiredRedRevokedGrey()
    {
        var soon = DateOnly.FromDateTime(DateTime.Now).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await fixture.CliAsync(null, "tokens", "create", "--client", "8", "--name", "soon", "--scopes", "account:read", "--expires", soon);
        var expired = JsonDocument.Parse(await fixture.CliAsync(null, "tokens", "create", "--client", "8", "--name", "old", "--scopes", "account:read", "--expires", soon, "--json")).RootElement.GetProperty("id").GetInt64();
        var revoked = JsonDocument.Parse(await fixture.CliAsync(null, "tokens", "create", "--client", "8", "--name", "gone", "--scopes", "account:read", "--json")).RootElement.GetProperty("id").GetInt64();
        await fixture.CliAsync(null, "tokens", "revoke", revoked.ToString(CultureInfo.InvariantCulture));
        await MakeExpiredAsync(expired);

        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);
        await page.GotoAsync("/?client=8");
        await BrowserFixture.ScreenshotAsync(page, "05-token-list-statuses");

        Assert.Equal("rgb(255, 245, 214)", await BackgroundOf(page, "soon"));
        Assert.Equal(1, await page.Locator("#tokens tr:has-text('soon') .notice").CountAsync());
        Assert.Equal("rgb(253, 232, 232)", await BackgroundOf(page, "old"));
        Assert.Equal("rgb(242, 244, 247)", await BackgroundOf(page, "gone"));
    }

    [Fact]
    public async Task Revoke_WithConfirmation_TokenGets401()
    {
        var created = JsonDocument.Parse(await fixture.CliAsync(null, "tokens", "create", "--client", "1", "--name", "to-revoke", "--scopes", "account:read", "--json")).RootElement;
        var id = created.GetProperty("id").GetInt64();
        var token = created.GetProperty("token").GetString()!;
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);

        await page.GotoAsync($"/tokens/{id}");
        await page.ClickAsync("#revoke-token");
        await BrowserFixture.ScreenshotAsync(page, "06-revoke-confirm");
        Assert.Contains("cannot be undone", await page.TextContentAsync(".confirm"), StringComparison.Ordinal);
        await page.FillAsync("input[name=Reason]", "leaked");
        await page.ClickAsync("#confirm-revoke");

        Assert.Contains("Revoked", await page.TextContentAsync("h1 .status"), StringComparison.Ordinal);
        using var api = fixture.Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task CreateToken_EmptyAllowlistAndNeverExpiring_IsCreatedForAnyAddress()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);
        await page.GotoAsync("/tokens/create");
        await page.FillAsync("input[name='Form.ClientId']", "5");
        await page.FillAsync("input[name='Form.Name']", "open-ended");
        await page.CheckAsync("input[name='Form.Expiry'][value='never']");
        await page.ClickAsync("#create-form button[type=submit]");

        Assert.Equal(1, await page.Locator("#new-token").CountAsync());
        var listed = JsonDocument.Parse(await fixture.CliAsync(null, "tokens", "list", "--client", "5", "--json")).RootElement[0];
        Assert.Equal(0, listed.GetProperty("allowedIps").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("expiresOn").ValueKind);
    }

    [Fact]
    public async Task CreateToken_DateChosenButEmpty_IsRefusedNotNeverExpiring()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);
        await page.GotoAsync("/tokens/create");
        await page.FillAsync("input[name='Form.ClientId']", "4");
        await page.FillAsync("input[name='Form.Name']", "no-date");
        await page.FillAsync("input[name='Form.ExpiresOn']", "");
        await page.ClickAsync("#create-form button[type=submit]");

        Assert.Contains("Pick the last valid day", await page.TextContentAsync(".alert.error"), StringComparison.Ordinal);
        Assert.DoesNotContain("no-date", await fixture.CliAsync(null, "tokens", "list", "--client", "4", "--json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RolesAndKeysPages_Render()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);

        await page.GotoAsync("/roles");
        await page.FillAsync("#create-role input[name='Form.Name']", "ui-role");
        await page.CheckAsync("#create-role input[value='hosting:read']");
        await page.ClickAsync("#create-role button[type=submit]");
        Assert.Equal(1, await page.Locator("#roles tr[data-role='ui-role']").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "08-roles");

        await page.GotoAsync("/keys");
        await BrowserFixture.ScreenshotAsync(page, "09-admin-keys");
        Assert.Equal("Admin API keys", await page.TextContentAsync("h1"));
    }

    [Fact]
    public async Task TokenPage_AfterUse_ShowsDailyChartAndClientAddresses()
    {
        var created = JsonDocument.Parse(await fixture.CliAsync(null, "tokens", "create", "--client", "1", "--name", "charted", "--scopes", "account:read", "--json")).RootElement;
        using (var api = fixture.Gateway.CreateClient())
        {
            for (var i = 0; i < 3; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", created.GetProperty("token").GetString());
                using var response = await api.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
        }

        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);
        // Stamps are written every flush interval (0.5 s here): look again until they are in, for at most 10 s.
        for (var attempt = 0; attempt < 20 && await page.Locator("#client-ips").CountAsync() == 0; attempt++)
        {
            await Task.Delay(500);
            await page.GotoAsync($"/tokens/{created.GetProperty("id").GetInt64()}");
        }

        await BrowserFixture.ScreenshotAsync(page, "10-token-usage");
        Assert.Contains("127.0.0.1", await page.TextContentAsync("#client-ips"), StringComparison.Ordinal);
        Assert.Equal(30, await page.Locator("#usage-chart rect").CountAsync());
        Assert.Equal(1, await page.Locator("#usage-chart rect.bar").CountAsync());
    }

    private static Task<string> BackgroundOf(IPage page, string name) =>
        page.Locator($"#tokens tbody tr:has(a:text-is('{name}'))").EvaluateAsync<string>("row => getComputedStyle(row).backgroundColor");

    // No API can make a past expiry (it is refused), so the test ages the row in the store directly.
    private async Task MakeExpiredAsync(long id)
    {
        Assert.Equal(1, await fixture.Store.ExecuteAsync(fixture.DataPath, "UPDATE tokens SET \"ExpiresOn\" = '2020-01-31' WHERE \"Id\" = @id", ("id", id)));
    }
}
