using Gateway.Tests.Infrastructure;
using LegacyStub;
using Microsoft.Playwright;
using WireMock.Server;

namespace Gateway.Tests.AdminUi;

/// <summary>
/// The real gateway (admin listener on) in front of the stub, and Debian's Chromium driven by Playwright,
/// as DEVELOPERS.md prescribes (never a downloaded browser). Screenshots go to <see cref="ScreenshotFolder"/>.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string AdminUser = "alice";
    public const string AdminPassword = "correct horse battery staple";
    public const string AuditorUser = "audrey";
    private const string Credential = "Bearer browser-secret";
    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

    private readonly Dictionary<string, Cookie[]> _sessions = new(StringComparer.Ordinal);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-browser-tests", Guid.NewGuid().ToString("N"));
    private WireMockServer _backend = null!;
    private TestStore.Database _store = null!;

    public TestStore.Database Store => _store;
    private IPlaywright _playwright = null!;

    public GatewayProcess Gateway { get; private set; } = null!;

    /// <summary>GitHub's secret scanning as the gateway meets it (reports to the public listener).</summary>
    public SecretScanning.GitHubStandIn GitHub { get; } = new();

    /// <summary>A webhook receiver that answers 500 to everything, so the delivery log has attempts to show.</summary>
    public WireMockServer Receiver { get; } = WireMockServer.Start();

    public IBrowser Browser { get; private set; } = null!;

    public Dictionary<string, string> Environment { get; private set; } = null!;

    public string AdminUrl => $"https://127.0.0.1:{Gateway.AdminPort}";

    public string DataPath => _data;

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ScreenshotFolder);
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        _store = await TestStore.CreateAsync();
        Environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential, _store);
        Environment["Gateway__Usage__FlushInterval"] = "00:00:00.500";
        // Every test signs in from 127.0.0.1; the per-address sign-in limit has its own test.
        Environment["Gateway__Admin__SignInAttemptsPerMinute"] = "1000";
        Environment["Gateway__SecretScanning__GitHub__Enabled"] = "true";
        Environment["Gateway__SecretScanning__GitHub__KeysUrl"] = GitHub.KeysUrl;
        Receiver.Given(WireMock.RequestBuilders.Request.Create().UsingPost()).RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(500));
        Environment["Gateway__Notices__Webhooks__siem__Url"] = Receiver.Url + "/hooks";
        Environment["Gateway__Notices__Webhooks__siem__Secret"] = "browser-tests-webhook-secret-0123456789";
        Gateway = await GatewayProcess.StartAsync(Environment, plainHttp: false);
        await CliAsync(AdminPassword, "admin", "create", "--username", AdminUser, "--role", "admin");
        await CliAsync(AdminPassword, "admin", "create", "--username", AuditorUser, "--role", "auditor");

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ChromiumArgs,
            Headless = true,
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Gateway.DisposeAsync();
        await _store.DisposeAsync();
        _backend.Stop();
        _backend.Dispose();
        Receiver.Stop();
        Receiver.Dispose();
        GitHub.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A fresh browser context (own cookies) that trusts the gateway's generated certificate.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = AdminUrl, IgnoreHTTPSErrors = true });

    /// <summary>
    /// Signs in and returns the page on the token list. The first sign-in of a user goes through the form (and, for an
    /// admin, the authenticator enrolment, reading the secret from the page and computing the code with Otp.NET); later
    /// ones reuse that session's cookies, as Playwright's saved authentication state does: a TOTP code is good once per
    /// 30 seconds, and the suite signs in far more often than that.
    /// </summary>
    public async Task<IPage> SignInAsync(IBrowserContext context, string user = AdminUser, string password = AdminPassword)
    {
        ArgumentNullException.ThrowIfNull(context);
        var page = await context.NewPageAsync();
        if (_sessions.TryGetValue(user, out var cookies))
        {
            await context.AddCookiesAsync(cookies);
            await page.GotoAsync("/");
            return page;
        }

        await page.GotoAsync("/signin");
        await page.FillAsync("input[name=Username]", user);
        await page.FillAsync("input[name=Password]", password);
        await page.ClickAsync("button[type=submit]");
        if (page.Url.Contains("/signin/enrol", StringComparison.Ordinal))
        {
            await EnrolAsync(page);
        }

        try
        {
            await page.WaitForURLAsync(AdminUrl + "/");
        }
        catch (TimeoutException ex)
        {
            // Say where the sign-in ended up and what the gateway logged, so a failure here explains itself.
            var text = await page.InnerTextAsync("body");
            var log = Gateway.Log;
            throw new TimeoutException(
                $"Sign-in as {user} did not reach the token list: at {page.Url}: {text[..Math.Min(text.Length, 500)]}\n--- gateway log (tail) ---\n{log[Math.Max(0, log.Length - 3000)..]}", ex);
        }

        _sessions[user] = [.. (await context.CookiesAsync()).Where(c => c.Name == "__Host-gateway-admin").Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, Secure = c.Secure, HttpOnly = c.HttpOnly, SameSite = c.SameSite,
        })];
        return page;
    }

    /// <summary>On the enrolment page: reads the secret from its text, enters the current code, and continues past the recovery codes.</summary>
    public static async Task<(string Secret, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var secret = (await page.TextContentAsync("#mfa-secret"))!.Replace(" ", "", StringComparison.Ordinal);
        await page.FillAsync("#code", Totp(secret, DateTime.UtcNow));
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/signin/recovery-codes");
        var codes = (await page.TextContentAsync("#recovery-codes"))!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        await page.ClickAsync("#continue");
        return (secret, codes);
    }

    /// <summary>The TOTP code of <paramref name="secret"/> (base32) at <paramref name="at"/>, as an authenticator app shows it.</summary>
    public static string Totp(string secret, DateTime at) => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp(at);

    public static Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async Task<string> CliAsync(string? stdin, params string[] args)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, .. args], Environment, stdin: stdin);
        Assert.True(exit == 0, $"gateway {string.Join(' ', args)}: {stderr}");
        return stdout;
    }
}
