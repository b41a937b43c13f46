using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Gateway.Tests.AdminUi;

/// <summary>The staff UI's defences in real Chromium: lockout, antiforgery on forms and cookie API calls, auditors read-only.</summary>
[Collection(nameof(BrowserGroup))]
public sealed class AdminUiSecurityTests(BrowserFixture fixture)
{
    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksTheAccount()
    {
        await fixture.CliAsync(BrowserFixture.AdminPassword, "admin", "create", "--username", "locky", "--role", "auditor");
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        for (var i = 0; i < 5; i++)
        {
            await page.GotoAsync("/signin");
            await page.FillAsync("input[name=Username]", "locky");
            await page.FillAsync("input[name=Password]", $"wrong password {i}");
            await page.ClickAsync("button[type=submit]");
        }

        await page.GotoAsync("/signin");
        await page.FillAsync("input[name=Username]", "locky");
        await page.FillAsync("input[name=Password]", BrowserFixture.AdminPassword);
        await page.ClickAsync("button[type=submit]");

        // One answer for wrong passwords and locked accounts (no username discovery); the right password is refused.
        Assert.Contains("locked", await page.TextContentAsync("#signin-error"), StringComparison.Ordinal);
        Assert.Contains("/signin", page.Url, StringComparison.Ordinal);
        // The audit log tells the story: failures, then the lockout.
        var signIns = await SignInEventsAsync("staff:locky");
        Assert.Contains("failed", signIns);
        Assert.Contains("locked_out", signIns);
        await BrowserFixture.ScreenshotAsync(page, "07-locked-out");
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        await using var context = await fixture.NewContextAsync();
        await fixture.SignInAsync(context);

        var response = await context.APIRequest.PostAsync("/tokens/create", new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData().Set("Form.ClientId", "3").Set("Form.Name", "csrf-made").Set("Form.Expiry", "never"),
        });

        Assert.Equal(400, response.Status);
        Assert.DoesNotContain("csrf-made", await fixture.CliAsync(null, "tokens", "list", "--client", "3", "--json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_WithStaffCookie_ReadsAndAuditorCannotChange()
    {
        await using var admin = await fixture.NewContextAsync();
        await fixture.SignInAsync(admin);
        await using var auditor = await fixture.NewContextAsync();
        await fixture.SignInAsync(auditor, BrowserFixture.AuditorUser);

        var list = await admin.APIRequest.GetAsync("/admin/api/v1/tokens");
        var change = await auditor.APIRequest.PostAsync("/admin/api/v1/roles", new APIRequestContextOptions
        {
            DataObject = new { name = "auditor-made", scopes = Array.Empty<string>() },
        });

        Assert.Equal(200, list.Status);
        Assert.Equal(403, change.Status);
    }

    [Fact]
    public async Task AdminApi_CookieChangeWithoutAntiforgeryHeader_IsRefused()
    {
        var created = JsonDocument.Parse(await fixture.CliAsync(null, "tokens", "create", "--client", "9", "--name", "csrf-target", "--scopes", "account:read", "--json")).RootElement;
        await using var context = await fixture.NewContextAsync();
        await fixture.SignInAsync(context);

        // What a page on a sibling site could send: the cookie rides along, nothing else.
        var response = await context.APIRequest.PostAsync($"/admin/api/v1/tokens/{created.GetProperty("id").GetInt64()}/revoke");

        Assert.Equal(400, response.Status);
        Assert.Contains("\"status\": \"active\"", await fixture.CliAsync(null, "tokens", "show", created.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture), "--json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auditor_PostingARole_Is403NotServerError()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context, BrowserFixture.AuditorUser);
        await page.GotoAsync("/roles");
        var token = await page.EvaluateAsync<string?>("() => document.querySelector('input[name=__RequestVerificationToken]')?.value ?? null");

        var response = await context.APIRequest.PostAsync("/roles", new APIRequestContextOptions
        {
            Form = context.APIRequest.CreateFormData().Set("Form.Name", "auditor-role").Set("__RequestVerificationToken", token ?? ""),
            MaxRedirects = 0,
        });

        Assert.True(response.Status is 302 or 403, $"status {response.Status}");
        Assert.DoesNotContain("auditor-role", await fixture.CliAsync(null, "roles", "list", "--json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auditor_SeesTokensButNoChanges()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context, BrowserFixture.AuditorUser);

        Assert.Equal(0, await page.Locator("#create-token").CountAsync());
        var response = await page.GotoAsync("/tokens/create");
        Assert.Equal(403, response!.Status);
    }

    private async Task<IReadOnlyList<string?>> SignInEventsAsync(string actor)
    {
        IReadOnlyList<string?> outcomes = [];
        for (var attempt = 0; attempt < 50 && !outcomes.Contains("locked_out"); attempt++)
        {
            await Task.Delay(100);
            outcomes = [.. (await Gateway.Tests.Audit.AuditFile.ReadLinesAsync(Path.Combine(fixture.DataPath, "logs")))
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("EventType").GetString() == "staff_action" && e.GetProperty("Action").GetString() == "staff.sign_in"
                    && e.GetProperty("Actor").GetString() == actor)
                .Select(e => e.GetProperty("Outcome").GetString())];
        }

        return outcomes;
    }
}
