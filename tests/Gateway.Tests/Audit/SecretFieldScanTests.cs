using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Hardening;
using Gateway.Tests.Infrastructure;
using LegacyStub;

namespace Gateway.Tests.Audit;

/// <summary>
/// Tokens — valid, revoked, malformed but token-shaped, admin keys — sent in every field a client controls (the
/// request line, the path, the query, the method, User-Agent and other headers, over HTTPS, plain HTTP and as raw
/// bytes Kestrel refuses), and typed by staff into fields that end up nested in audit events (a token's name, a
/// revocation reason, a role's description, the sign-in username): none of them is in any log file, the audit
/// index, or the console output, even at Debug level. Each is redacted, not dropped: the events are still there.
/// </summary>
public sealed class SecretFieldScanTests : IAsyncLifetime
{
    private const string Credential = "Bearer field-scan-backend-7Hq1";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-field-scan", Guid.NewGuid().ToString("N"));
    private WireMock.Server.WireMockServer? _backend;
    private GatewayProcess _gateway = null!;
    private Dictionary<string, string> _environment = null!;

    public async Task InitializeAsync()
    {
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        _environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential);
        _environment["Serilog__MinimumLevel__Default"] = "Debug";
        _environment["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Debug";
        _gateway = await GatewayProcess.StartAsync(_environment, plainHttp: true);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _backend?.Stop();
        _backend?.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Secrets_InEveryClientAndStaffField_AreInNoLogFile()
    {
        // An admin key belongs to a staff account: the CLI makes both (the password from stdin).
        var (made, _, madeError) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, "staff", "create", "scan-owner", "--role", "admin"], _environment, stdin: "scan-owner-password-1");
        Assert.True(made == 0, madeError);
        var adminKey = JsonDocument.Parse(await CliAsync("staff", "keys", "create", "--name", "scan", "--role", "admin", "--owner", "scan-owner", "--json")).RootElement.GetProperty("key").GetString()!;
        var valid = await CreateTokenAsync("scan-valid");
        var revoked = await CreateTokenAsync("scan-revoked");
        using (var admin = Admin(adminKey))
        {
            using var revoke = await admin.PostAsJsonAsync($"/admin/api/v1/tokens/{revoked.Id}/revoke", new { reason = "rotated" });
            Assert.True(revoke.IsSuccessStatusCode);
        }

        var shaped = "opt_live_" + RandomBase62(38);
        var secrets = new[] { valid.Token, revoked.Token, shaped, adminKey };
        foreach (var secret in secrets)
        {
            await SendEverywhereAsync(secret);
        }

        // Typed by staff: stored as data (names, reasons, descriptions), but nested in audit events and never logged.
        var named = "opt_live_" + RandomBase62(38);
        var reason = "opt_live_" + RandomBase62(38);
        var description = "leaked opt_admin_" + RandomBase62(30);
        var username = "opt_live_" + RandomBase62(20);
        using (var admin = Admin(adminKey))
        {
            using var token = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 1, name = named, scopes = new[] { "account:read" } });
            Assert.True(token.IsSuccessStatusCode, await token.Content.ReadAsStringAsync());
            var id = (await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetProperty("id").GetInt64();
            using var revoke = await admin.PostAsJsonAsync($"/admin/api/v1/tokens/{id}/revoke", new { reason });
            Assert.True(revoke.IsSuccessStatusCode, await revoke.Content.ReadAsStringAsync());
            using var role = await admin.PostAsJsonAsync("/admin/api/v1/roles", new { name = "scan-role", description, scopes = new[] { "dns:read" } });
            Assert.True(role.IsSuccessStatusCode, await role.Content.ReadAsStringAsync());
        }

        await SignInAsync(username);

        // Wait for the last event (the sign-in) in the audit index, through the auditors' view.
        using (var admin = Admin(adminKey))
        {
            await WaitForAsync(admin, "/admin/api/v1/audit?reason=staff.sign_in");
        }

        Assert.Equal(0, await _gateway.StopGracefullyAsync());
        var logs = Directory.GetFiles(_data, "*.clef", SearchOption.AllDirectories)
            .Append(Path.Combine(_data, "audit-index.db"))
            .Select(file => (File: file, Text: Encoding.Latin1.GetString(File.ReadAllBytes(file))))
            .Append((File: "gateway output", Text: _gateway.Log))
            .ToList();
        var audit = string.Join('\n', logs.Where(l => l.File.EndsWith(".clef", StringComparison.Ordinal)).Select(l => l.Text));

        // The requests and actions were recorded, with the secrets in them redacted.
        Assert.Contains("\"Method\":\"[redacted]\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"UserAgent\":\"scan/1.0 [redacted]\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"[redacted]\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"RevokeReason\":\"[redacted]\"", audit, StringComparison.Ordinal);
        Assert.Contains("\"Description\":\"leaked [redacted]\"", audit, StringComparison.Ordinal);
        // A sign-in as no existing account never records what was typed (people type passwords there): not even redacted.
        Assert.Contains("\"Actor\":\"staff:(unknown)\"", audit, StringComparison.Ordinal);
        foreach (var (file, text) in logs)
        {
            foreach (var secret in secrets.Concat([named, reason, description, username]))
            {
                var body = secret[(secret.LastIndexOf('_') + 1)..];
                Assert.False(text.Contains(body, StringComparison.OrdinalIgnoreCase), $"{file} contains a secret ({secret[..12]}…)");
            }
        }
    }

    private async Task SendEverywhereAsync(string secret)
    {
        using var client = _gateway.CreateClient();
        var encoded = secret.Replace("_", "%5F", StringComparison.Ordinal);
        foreach (var path in new[] { "/api/v1/me", $"/api/v1/invoices/{secret}", $"/api/v1/{secret}", $"/api/v1/{encoded}/dns", $"/api/v1/me?q={secret}&token={secret}" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
            request.Headers.TryAddWithoutValidation("User-Agent", $"scan/1.0 {secret}");
            foreach (var header in new[] { "X-Api-Key", "X-Real-IP", "True-Client-IP", "X-Forwarded-For", "Referer", "X-Client-Id", "Cookie" })
            {
                request.Headers.TryAddWithoutValidation(header, header == "Referer" ? $"https://example.com/?t={secret}" : secret);
            }

            using var response = await client.SendAsync(request);
        }

        // A method is any token: this one is the secret itself.
        using (var method = new HttpRequestMessage(new HttpMethod(secret), "/api/v1/me"))
        {
            method.Headers.TryAddWithoutValidation("User-Agent", $"scan/1.0 {secret}");
            using var response = await client.SendAsync(method);
        }

        // A request line Kestrel refuses (a control character after the secret): its error message quotes the line.
        using (var pinned = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(_gateway.CertificatePath)))
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            var raw = Encoding.Latin1.GetBytes($"GET /api/v1/me?x={secret}\u0001 HTTP/1.1\r\nHost: localhost\r\nUser-Agent: {secret}\r\n\r\n");
            await RawHttp.SendAsync(_gateway.HttpsPort, pinned.GetCertHashString(), raw, head: false, timeout.Token);
        }

        using var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_gateway.HttpPort}") };
        using var overPlain = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/{secret}");
        overPlain.Headers.TryAddWithoutValidation("User-Agent", $"scan/1.0 {secret}");
        using var plainResponse = await plain.SendAsync(overPlain);
    }

    private async Task SignInAsync(string username)
    {
        var cookies = new System.Net.CookieContainer();
        using var admin = _gateway.CreateClient(admin: true, cookies);
        var page = await admin.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var antiforgery = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Password"] = "not the password",
            ["__RequestVerificationToken"] = antiforgery,
        });
        using var response = await admin.PostAsync(new Uri("/signin", UriKind.Relative), form);
    }

    private HttpClient Admin(string key)
    {
        var client = _gateway.CreateClient(admin: true);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task<(long Id, string Token)> CreateTokenAsync(string name)
    {
        var created = JsonDocument.Parse(await CliAsync("tokens", "create", "--client", "1", "--name", name, "--scopes", "account:read", "--json")).RootElement;
        return (created.GetProperty("id").GetInt64(), created.GetProperty("token").GetString()!);
    }

    private async Task<string> CliAsync(params string[] args)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, .. args], _environment);
        Assert.True(exit == 0, stderr);
        return stdout;
    }

    private static async Task WaitForAsync(HttpClient admin, string path)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var page = await admin.GetFromJsonAsync<JsonElement>(path);
            if (page.GetProperty("data").GetArrayLength() > 0)
            {
                return;
            }

            await Task.Delay(100);
        }
    }

    private static string RandomBase62(int length)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        return string.Create(length, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }
        });
    }
}
