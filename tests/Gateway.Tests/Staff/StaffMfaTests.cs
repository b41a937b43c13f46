using System.Net;
using System.Text.RegularExpressions;
using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Staff;

/// <summary>
/// Staff MFA at the default settings: admins enrol at their first sign-in, then need a code; a code is good once; code
/// guesses count against the lockout and the per-address limit; recovery codes work once; the secret is never stored in clear.
/// </summary>
public sealed partial class StaffMfaTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Password = "mfa test password 1234";

    private StaffService Staff => gateway.Services.GetRequiredService<StaffService>();

    [Fact]
    public async Task SignIn_NewAdmin_EnrolsThenEverySignInNeedsAFreshCode()
    {
        var username = await CreateAsync(StaffRoles.Admin);
        using var browser = StaffBrowser.On(gateway, Peer());

        using (var password = await browser.SignInAsync(username, Password))
        {
            Assert.Equal("/signin/enrol", password.Headers.Location?.OriginalString);
        }

        Assert.Null(browser.StaffCookie);
        var (secret, enrolledAt) = await EnrolAsync(browser);
        Assert.NotNull(browser.StaffCookie);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/api/v1/tokens")).Status);
        Assert.True((await Staff.FindAsync(username))!.MfaEnrolled);

        using (await browser.SignOutAsync())
        {
        }

        using (var again = await browser.SignInAsync(username, Password))
        {
            Assert.Equal("/signin/mfa", again.Headers.Location?.OriginalString);
        }

        Assert.Null(browser.StaffCookie);
        // The code that enrolled is spent: the same code again within its window is refused.
        using (var replay = await PostCodeAsync(browser, BrowserTotp(secret, enrolledAt)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        }

        Assert.Null(browser.StaffCookie);
        using (var fresh = await PostCodeAsync(browser, BrowserTotp(secret, DateTime.UtcNow.AddSeconds(30))))
        {
            Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
            Assert.Equal("/", fresh.Headers.Location?.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/api/v1/tokens")).Status);
    }

    [Fact]
    public async Task SignIn_FiveWrongCodes_LocksTheAccountEvenForTheRightPasswordAndCode()
    {
        var username = await CreateAsync(StaffRoles.Admin);
        using var browser = StaffBrowser.On(gateway, Peer());
        using (await browser.SignInAsync(username, Password))
        {
        }

        var (secret, _) = await EnrolAsync(browser);
        using (await browser.SignOutAsync())
        {
        }

        using (await browser.SignInAsync(username, Password))
        {
        }

        for (var i = 0; i < StaffService.MaxFailedSignIns; i++)
        {
            using var wrong = await PostCodeAsync(browser, "000000" == BrowserTotp(secret, DateTime.UtcNow) ? "111111" : "000000");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var account = await Staff.FindAsync(username);
        Assert.Equal("locked", account!.Status);
        using var refused = await browser.SignInAsync(username, Password);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Null(browser.StaffCookie);
    }

    [Fact]
    public async Task SignIn_RecoveryCode_WorksOnce()
    {
        var username = await CreateAsync(StaffRoles.Admin);
        using var browser = StaffBrowser.On(gateway, Peer());
        using (await browser.SignInAsync(username, Password))
        {
        }

        var codes = await EnrolForCodesAsync(browser);
        Assert.Equal(RecoveryCodes.Count, codes.Count);
        using (await browser.SignOutAsync())
        {
        }

        using (await browser.SignInAsync(username, Password))
        {
        }

        using (var first = await PostCodeAsync(browser, codes[3].ToUpperInvariant()))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using (await browser.SignOutAsync())
        {
        }

        using (await browser.SignInAsync(username, Password))
        {
        }

        using var second = await PostCodeAsync(browser, codes[3]);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Null(browser.StaffCookie);
    }

    [Fact]
    public async Task CodePosts_CountAgainstThePerAddressLimit()
    {
        var username = await CreateAsync(StaffRoles.Admin);
        using var browser = StaffBrowser.On(gateway, Peer());
        using (await browser.SignInAsync(username, Password))
        {
        }

        // One password post so far; nine more posts fill the default budget of ten a minute, the eleventh is refused.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var post = await browser.PostFormAsync("/signin/enrol", new Dictionary<string, string> { ["Code"] = "12345" });
            statuses.Add(post.StatusCode);
        }

        Assert.Equal(9, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Enrolment_SecretAndRecoveryCodes_NeverStoredInClear()
    {
        var username = await CreateAsync(StaffRoles.Admin);
        using var browser = StaffBrowser.On(gateway, Peer());
        using (await browser.SignInAsync(username, Password))
        {
        }

        var (_, page) = await browser.GetAsync("/signin/enrol");
        var secret = SecretText().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        using (var confirmed = await PostEnrolCodeAsync(browser, BrowserTotp(secret, DateTime.UtcNow)))
        {
            Assert.Equal("/signin/recovery-codes", confirmed.Headers.Location?.OriginalString);
        }

        var codes = await RecoveryCodesAsync(browser);
        var store = await gateway.Store.DumpAsync(gateway.DataPath);

        Assert.Equal(32, secret.Length);
        Assert.DoesNotContain(secret, store, StringComparison.Ordinal);
        Assert.All(codes, c => Assert.DoesNotContain(c, store, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ResetMfa_ByAnotherAdmin_EndsTheSessionAndEnrolsAgain()
    {
        var username = await CreateAsync(StaffRoles.Admin);
        using var browser = StaffBrowser.On(gateway, Peer());
        using (await browser.SignInAsync(username, Password))
        {
        }

        await EnrolAsync(browser);
        var copied = browser.StaffCookie!;
        Assert.Equal(HttpStatusCode.OK, await browser.ReplayAsync(copied));

        await Staff.ResetMfaAsync((await Staff.FindAsync(username))!.Id, "staff:another-admin");

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.ReplayAsync(copied));
        using var again = await browser.SignInAsync(username, Password);
        Assert.Equal("/signin/enrol", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SignIn_Auditor_NoSecondFactorByDefault()
    {
        var username = await CreateAsync(StaffRoles.Auditor);
        using var browser = StaffBrowser.On(gateway, Peer());

        using var signedIn = await browser.SignInAsync(username, Password);

        Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        Assert.NotNull(browser.StaffCookie);
    }

    internal static string BrowserTotp(string secret, DateTime at) => AdminUi.BrowserFixture.Totp(secret, at);

    private static async Task<(string Secret, DateTime At)> EnrolAsync(StaffBrowser browser)
    {
        var (_, page) = await browser.GetAsync("/signin/enrol");
        var secret = SecretText().Match(page).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        var at = DateTime.UtcNow;
        using var confirmed = await PostEnrolCodeAsync(browser, BrowserTotp(secret, at));
        Assert.Equal("/signin/recovery-codes", confirmed.Headers.Location?.OriginalString);
        return (secret, at);
    }

    private static async Task<IReadOnlyList<string>> EnrolForCodesAsync(StaffBrowser browser)
    {
        await EnrolAsync(browser);
        return await RecoveryCodesAsync(browser);
    }

    private static async Task<IReadOnlyList<string>> RecoveryCodesAsync(StaffBrowser browser)
    {
        var (status, page) = await browser.GetAsync("/signin/recovery-codes");
        Assert.Equal(HttpStatusCode.OK, status);
        return WebUtility.HtmlDecode(CodesText().Match(page).Groups[1].Value).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static Task<HttpResponseMessage> PostEnrolCodeAsync(StaffBrowser browser, string code) =>
        browser.PostFormAsync("/signin/enrol", new Dictionary<string, string> { ["Code"] = code });

    private static Task<HttpResponseMessage> PostCodeAsync(StaffBrowser browser, string code) =>
        browser.PostFormAsync("/signin/mfa", new Dictionary<string, string> { ["Code"] = code });

    private async Task<string> CreateAsync(string role)
    {
        var username = $"m{Guid.NewGuid():N}"[..20];
        await Staff.CreateAsync(username, Password, role, "test");
        return username;
    }

    // Each test its own address, so the per-address sign-in limit (10 a minute) only meets the test about it.
    private static int _peers;

    private static string Peer() => $"198.51.100.{Interlocked.Increment(ref _peers)}";

    [GeneratedRegex("id=\"mfa-secret\">([A-Z2-7 ]+)<")]
    private static partial Regex SecretText();

    [GeneratedRegex("id=\"recovery-codes\">([^<]+)<")]
    private static partial Regex CodesText();
}
