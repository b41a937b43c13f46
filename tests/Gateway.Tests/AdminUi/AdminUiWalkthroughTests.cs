using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Gateway.Tests.AdminUi;

/// <summary>The remaining staff pages in Chromium, with a screenshot of each: edit, roll, revoke-all, delete, roles, denied.</summary>
[Collection(nameof(BrowserGroup))]
public sealed class AdminUiWalkthroughTests(BrowserFixture fixture)
{
    [Fact]
    public async Task EditThenRollWithOverlap_BothTokensWorkAndNewOneShownOnce()
    {
        var created = JsonDocument.Parse(await fixture.CliAsync(null, "tokens", "create", "--client", "1", "--name", "walk-roll", "--scopes", "account:read", "--json")).RootElement;
        var id = created.GetProperty("id").GetInt64();
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);

        await page.GotoAsync($"/tokens/{id}/edit");
        await BrowserFixture.ScreenshotAsync(page, "11-edit");
        await page.CheckAsync("input[name='Form.Scopes'][value='hosting:read']");
        await page.ClickAsync("main form button.primary");
        Assert.Contains("hosting:read", await page.TextContentAsync("dl.facts"), StringComparison.Ordinal);

        await page.ClickAsync("#roll-token");
        await page.SelectOptionAsync("#overlap", "60");
        await BrowserFixture.ScreenshotAsync(page, "12-roll");
        await page.ClickAsync("#confirm-roll");
        var replacement = (await page.TextContentAsync("#new-token"))!.Trim();

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(created.GetProperty("token").GetString()!));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(replacement));
        Assert.Contains("Retires", await page.GotoAsync($"/tokens/{id}").ContinueWith(_ => page.TextContentAsync("dl.facts")).Unwrap(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RevokeAll_ConfirmationNamesTheCount_ThenDeleteARevokedToken()
    {
        for (var i = 0; i < 3; i++)
        {
            await fixture.CliAsync(null, "tokens", "create", "--client", "12", "--name", $"walk-{i}", "--scopes", "account:read");
        }

        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);
        await page.GotoAsync("/?client=12");
        await page.ClickAsync("#revoke-all");
        await BrowserFixture.ScreenshotAsync(page, "13-revoke-all");
        Assert.Contains("revokes 3 token(s)", await page.TextContentAsync("#revoke-all-count"), StringComparison.Ordinal);
        await page.ClickAsync("#confirm-revoke-all");

        Assert.Equal(3, await page.Locator("#tokens tbody tr.row-revoked").CountAsync());
        await page.ClickAsync("#tokens tbody tr >> nth=0 >> a >> nth=0");
        await page.ClickAsync("#delete-token");
        await BrowserFixture.ScreenshotAsync(page, "14-delete");
        await page.ClickAsync("#confirm-delete");
        await page.GotoAsync("/?client=12");
        Assert.Equal(2, await page.Locator("#tokens tbody tr").CountAsync());
    }

    [Fact]
    public async Task RoleEditAndDelete_DeleteNamesTokensThatLoseIt()
    {
        await fixture.CliAsync(null, "roles", "create", "walk-role", "--scopes", "domains:read");
        await fixture.CliAsync(null, "tokens", "create", "--client", "13", "--name", "holder-1", "--roles", "walk-role");
        await fixture.CliAsync(null, "tokens", "create", "--client", "13", "--name", "holder-2", "--roles", "walk-role");
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);

        await page.GotoAsync("/roles/walk-role/edit");
        await page.CheckAsync("input[name='Form.Scopes'][value='dns:read']");
        await BrowserFixture.ScreenshotAsync(page, "15-role-edit");
        await page.ClickAsync("main form button.primary");
        Assert.Contains("dns:read", await page.TextContentAsync("#roles tr[data-role='walk-role']"), StringComparison.Ordinal);

        await page.GotoAsync("/roles/walk-role/delete");
        await BrowserFixture.ScreenshotAsync(page, "16-role-delete");
        Assert.Contains("2", await page.TextContentAsync("#role-delete-count"), StringComparison.Ordinal);
        await page.ClickAsync("#confirm-delete-role");
        Assert.Equal(0, await page.Locator("#roles tr[data-role='walk-role']").CountAsync());
    }

    [Fact]
    public async Task Auditor_OnAChangePage_SeesDenied()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context, BrowserFixture.AuditorUser);

        var response = await page.GotoAsync("/keys");

        Assert.Equal(403, response!.Status);
        Assert.Contains("/denied", page.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "17-denied");
    }

    [Fact]
    public async Task AuditPage_FilteredByClient_ShowsItsRequestsAndExportLinks()
    {
        var created = JsonDocument.Parse(await fixture.CliAsync(null, "tokens", "create", "--client", "14", "--name", "audited-ui", "--scopes", "dns:read", "--json")).RootElement;
        Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(created.GetProperty("token").GetString()!));
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context, BrowserFixture.AuditorUser);

        for (var attempt = 0; attempt < 50; attempt++)
        {
            await page.GotoAsync("/audit?client=14");
            if (await page.Locator("#audit tbody tr").CountAsync() > 0)
            {
                break;
            }

            await Task.Delay(100);
        }

        await BrowserFixture.ScreenshotAsync(page, "18-audit");
        var row = await page.TextContentAsync("#audit tbody tr");
        Assert.Contains("denied", row, StringComparison.Ordinal);
        Assert.Contains("scope_missing", row, StringComparison.Ordinal);
        Assert.Contains("client=14", await page.GetAttributeAsync("#export-csv", "href"), StringComparison.Ordinal);
        var export = await context.APIRequest.GetAsync((await page.GetAttributeAsync("#export-csv", "href"))!);
        Assert.Equal(200, export.Status);
        Assert.Contains("scope_missing", await export.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuditPage_MoreThanAPage_OlderLinkShowsTheRestAndNewestGoesBack()
    {
        var created = JsonDocument.Parse(await fixture.CliAsync(null, "tokens", "create", "--client", "15", "--name", "paged-ui", "--scopes", "dns:read", "--json")).RootElement;
        for (var i = 0; i < 55; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, await StatusAsync(created.GetProperty("token").GetString()!));
        }

        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context, BrowserFixture.AuditorUser);
        // The events are written in the background: until all 55 are in, the second page has fewer than 5.
        var newestFirst = "";
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await page.GotoAsync("/audit?client=15&reason=scope_missing");
            if (await page.Locator("#audit-older").CountAsync() > 0)
            {
                Assert.Equal(50, await page.Locator("#audit tbody tr").CountAsync());
                newestFirst = (await page.TextContentAsync("#audit tbody tr"))!;
                await page.ClickAsync("#audit-older");
                if (await page.Locator("#audit tbody tr").CountAsync() == 5)
                {
                    break;
                }
            }

            await Task.Delay(100);
        }

        Assert.Equal(5, await page.Locator("#audit tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("#audit-older").CountAsync());
        Assert.Contains("client=15", page.Url, StringComparison.Ordinal);
        await page.ClickAsync("#audit-newest");
        Assert.Equal(newestFirst, await page.TextContentAsync("#audit tbody tr"));
    }

    private async Task<HttpStatusCode> StatusAsync(string token)
    {
        using var api = fixture.Gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        return response.StatusCode;
    }
}
