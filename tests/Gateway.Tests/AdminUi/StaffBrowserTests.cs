using Microsoft.Playwright;

namespace Gateway.Tests.AdminUi;

/// <summary>
/// MFA enrolment and the staff page in Chromium, with screenshots: an admin's first sign-in enrols an authenticator
/// (the secret read from the page's text, the code computed with Otp.NET), the next one asks for a code; the staff
/// page creates, changes and removes accounts.
/// </summary>
[Collection(nameof(BrowserGroup))]
public sealed class StaffBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task FirstSignIn_Admin_EnrolsWithQrOrSecretThenNeedsACode()
    {
        var username = $"mfa{Guid.NewGuid():N}"[..16];
        await fixture.CliAsync(BrowserFixture.AdminPassword, "staff", "create", username, "--role", "admin");
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();

        await SubmitPasswordAsync(page, username);
        Assert.EndsWith("/signin/enrol", page.Url, StringComparison.Ordinal);
        var qr = page.Locator("#mfa-qr");
        Assert.StartsWith("data:image/png;base64,", await qr.GetAttributeAsync("src"), StringComparison.Ordinal);
        Assert.True(await qr.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 100"), "the QR code image did not render");
        await BrowserFixture.ScreenshotAsync(page, "19-mfa-enrolment");

        var secret = (await page.TextContentAsync("#mfa-secret"))!.Replace(" ", "", StringComparison.Ordinal);
        var enrolledAt = DateTime.UtcNow;
        await page.FillAsync("#code", BrowserFixture.Totp(secret, enrolledAt));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/signin/recovery-codes");
        var codes = (await page.TextContentAsync("#recovery-codes"))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(10, codes.Length);
        await BrowserFixture.ScreenshotAsync(page, "20-mfa-recovery-codes");
        await page.ClickAsync("#continue");
        await page.WaitForURLAsync(fixture.AdminUrl + "/");

        // Shown once: the page has nothing to show on a reload.
        await page.GotoAsync("/signin/recovery-codes");
        Assert.Equal(0, await page.Locator("#recovery-codes").CountAsync());

        await page.ClickAsync("header .signout button");
        await SubmitPasswordAsync(page, username);
        Assert.EndsWith("/signin/mfa", page.Url, StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "21-mfa-code");
        await page.FillAsync("#code", BrowserFixture.Totp(secret, enrolledAt));
        await page.ClickAsync("button[type=submit]");
        Assert.Contains("refused", await page.TextContentAsync("#signin-error"), StringComparison.Ordinal);

        await page.FillAsync("#code", BrowserFixture.Totp(secret, DateTime.UtcNow.AddSeconds(30)));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync(fixture.AdminUrl + "/");
        Assert.Contains(username, await page.TextContentAsync("header .who"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffPage_CreateChangeRoleDisableResetAndDelete()
    {
        var username = $"new{Guid.NewGuid():N}"[..16];
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context);

        await page.ClickAsync("header nav a[href='/staff']");
        await page.FillAsync("#create-staff input[name=Username]", username);
        await page.FillAsync("#create-staff input[name=Password]", "a new staff password");
        await page.SelectOptionAsync("#create-staff select[name=Role]", "auditor");
        await page.ClickAsync("#create-staff button[type=submit]");
        Assert.Contains($"{username} (auditor, active)", await page.TextContentAsync("h1"), StringComparison.Ordinal);

        await page.SelectOptionAsync("#staff-role", "admin");
        await page.ClickAsync("form.inline button[type=submit]");
        Assert.Contains("is now admin", await page.TextContentAsync("#staff-done"), StringComparison.Ordinal);
        Assert.Contains("set up at next sign-in", await page.TextContentAsync("#staff-mfa"), StringComparison.Ordinal);
        await page.ClickAsync("#staff-disable");
        Assert.Contains("is disabled", await page.TextContentAsync("#staff-done"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "22-staff-account");

        await page.GotoAsync("/staff");
        var row = page.Locator($"#staff tr[data-staff='{username}']");
        Assert.Contains("disabled", await row.TextContentAsync(), StringComparison.Ordinal);
        Assert.Contains(BrowserFixture.AdminUser, await page.TextContentAsync("#staff"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(page, "23-staff");

        await row.Locator("a").ClickAsync();
        await page.ClickAsync("#staff-delete");
        Assert.Contains("its sessions end at once", await page.TextContentAsync("main"), StringComparison.Ordinal);
        await page.ClickAsync("#confirm-delete");
        await page.WaitForURLAsync(fixture.AdminUrl + "/staff");
        Assert.Equal(0, await page.Locator($"#staff tr[data-staff='{username}']").CountAsync());
        Assert.DoesNotContain(username, await fixture.CliAsync(null, "staff", "list", "--json"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffPage_Auditor_SeesTheListButNoForms()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await fixture.SignInAsync(context, BrowserFixture.AuditorUser);

        await page.GotoAsync("/staff");

        Assert.Equal(0, await page.Locator("#create-staff").CountAsync());
        Assert.Contains(BrowserFixture.AdminUser, await page.TextContentAsync("#staff"), StringComparison.Ordinal);
        var details = await page.GotoAsync("/staff/1");
        Assert.Equal(403, details!.Status);
    }

    private static async Task SubmitPasswordAsync(IPage page, string username)
    {
        await page.GotoAsync("/signin");
        await page.FillAsync("input[name=Username]", username);
        await page.FillAsync("input[name=Password]", BrowserFixture.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForLoadStateAsync();
    }
}
