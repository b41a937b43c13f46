using System.Net;
using System.Text.Json;
using Gateway.Tests.SecretScanning;
using Microsoft.Playwright;

namespace Gateway.Tests.AdminUi;

/// <summary>What staff see of leaks and notices in real Chromium: the revocation reason, the delivery log, send again.</summary>
[Collection(nameof(BrowserGroup))]
public sealed class NoticesBrowserTests(BrowserFixture fixture)
{
    private async Task<(long Id, string Token)> LeakedTokenAsync(string url)
    {
        var created = JsonDocument.Parse(await fixture.CliAsync(null, "tokens", "create", "--client", "2", "--name", $"leak-{Guid.NewGuid():N}"[..20], "--scopes", "account:read", "--json")).RootElement;
        var id = created.GetProperty("id").GetInt64();
        var token = created.GetProperty("token").GetString()!;
        using var api = fixture.Gateway.CreateClient();
        using var report = await api.SendAsync(fixture.GitHub.Post(GitHubStandIn.Report((token, url))));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        return (id, token);
    }

    [Fact]
    public async Task TokenPage_LeakedToken_ShowsWhereItWasFound()
    {
        const string url = "https://github.com/example/app/blob/5e6f/.env";
        var (id, _) = await LeakedTokenAsync(url);
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);

        await page.GotoAsync($"/tokens/{id}");
        await BrowserFixture.ScreenshotAsync(page, "notices-01-leaked-token");

        Assert.Equal("Revoked", (await page.TextContentAsync("h1 .status"))!.Trim());
        Assert.StartsWith("Leaked: found at", (await page.TextContentAsync("#revoke-kind"))!.Trim(), StringComparison.Ordinal);
        Assert.Equal(url, await page.TextContentAsync("#leaked-url"));
    }

    [Fact]
    public async Task DeliveryLog_FailedWebhook_AttemptsShownAndSendAgainTriesOnceMore()
    {
        var (id, _) = await LeakedTokenAsync("https://github.com/example/app/blob/1/config.yml");
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);
        var row = page.Locator("#deliveries tr", new() { HasTextString = "token.leaked" }).Filter(new() { Has = page.Locator($"a[href='/tokens/{id}']") });
        for (var i = 0; i < 50 && (await row.CountAsync() == 0 || !(await row.First.InnerTextAsync()).Contains("HTTP 500", StringComparison.Ordinal)); i++)
        {
            await page.GotoAsync("/notices");
            await Task.Delay(200);
        }

        await BrowserFixture.ScreenshotAsync(page, "notices-02-delivery-log");
        Assert.Contains("HTTP 500", await row.First.InnerTextAsync(), StringComparison.Ordinal);
        await row.First.Locator("a").First.ClickAsync();
        var before = await page.Locator("#attempts tbody tr").CountAsync();

        await page.ClickAsync("#send-again");
        for (var i = 0; i < 50 && await page.Locator("#attempts tbody tr").CountAsync() <= before; i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        await BrowserFixture.ScreenshotAsync(page, "notices-03-sent-again");
        Assert.Equal(before + 1, await page.Locator("#attempts tbody tr").CountAsync());
        Assert.Contains("HTTP 500", await page.TextContentAsync("#attempts tbody tr"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeliveryLog_Auditor_ReadsButCannotSendAgain()
    {
        await LeakedTokenAsync("https://github.com/example/app/blob/2/x");
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context, BrowserFixture.AuditorUser, BrowserFixture.AdminPassword);
        await page.GotoAsync("/notices");
        for (var i = 0; i < 50 && await page.Locator("#deliveries a[href^='/notices/']").CountAsync() == 0; i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }

        var href = await page.Locator("#deliveries a[href^='/notices/']").First.GetAttributeAsync("href");
        await page.GotoAsync(href!);
        var post = await page.APIRequest.PostAsync(href + "/send-again");

        Assert.Equal(0, await page.Locator("#send-again").CountAsync());
        Assert.NotEqual((int)HttpStatusCode.OK, post.Status);
        Assert.NotEqual((int)HttpStatusCode.Redirect, post.Status);
    }
}
