using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;
using LegacyStub;

namespace Gateway.Tests.Audit;

/// <summary>
/// After a run that used known secrets every way a client or staff member might (header, query string,
/// plain HTTP, sign-in, a password typed into the username box), no file the gateway wrote and nothing it
/// printed contains any of them.
/// </summary>
public sealed partial class SecretScanTests
{
    private const string BackendCredential = "Bearer scan-backend-secret-7Qm2";
    private const string AdminPassword = "scan admin password 9Kx4";

    [Fact]
    public async Task Run_WithKnownSecrets_NoFileOrOutputContainsThem()
    {
        var data = Path.Combine(Path.GetTempPath(), "gateway-scan-tests", Guid.NewGuid().ToString("N"));
        var backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = BackendCredential });
        var environment = GatewayProcess.Environment(data, backend.Url + "/", BackendCredential);
        environment["Serilog__MinimumLevel__Default"] = "Debug";
        environment["Serilog__MinimumLevel__Override__Microsoft.AspNetCore"] = "Debug";
        var gateway = await GatewayProcess.StartAsync(environment, plainHttp: true);
        try
        {
            await Cli(environment, AdminPassword, "admin", "create", "--username", "scanner", "--role", "admin");
            var created = JsonDocument.Parse(await Cli(environment, null, "tokens", "create", "--client", "1", "--name", "scan", "--scopes", "account:read", "--json")).RootElement;
            var token = created.GetProperty("token").GetString()!;
            var exposed = JsonDocument.Parse(await Cli(environment, null, "tokens", "create", "--client", "1", "--name", "scan-exposed", "--scopes", "account:read", "--json")).RootElement.GetProperty("token").GetString()!;

            using (var api = gateway.CreateClient())
            {
                await SendAsync(api, "/api/v1/me", token);
                await SendAsync(api, $"/api/v1/me?access_token={token}&q={token}", token);
                await SendAsync(api, "/api/v1/me", token[..^1] + "Z");
            }

            using (var plain = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gateway.HttpPort}") })
            {
                await SendAsync(plain, "/api/v1/me", exposed);
            }

            using (var admin = gateway.CreateClient(admin: true))
            {
                await SignInAsync(admin, "scanner", AdminPassword);
                await SignInAsync(admin, AdminPassword, AdminPassword);
            }

            Assert.Equal(0, await gateway.StopGracefullyAsync());
            var secrets = new[] { token, exposed, AdminPassword, BackendCredential, BackendCredential["Bearer ".Length..] };
            var haystacks = Directory.GetFiles(data, "*", SearchOption.AllDirectories)
                .Select(file => (File: file, Text: Encoding.Latin1.GetString(System.IO.File.ReadAllBytes(file))))
                .Append((File: "gateway output", Text: gateway.Log))
                .ToList();

            Assert.Contains(haystacks, h => h.File.EndsWith(".clef", StringComparison.Ordinal));
            // The framework logged every request line at this level: the redaction, not silence, kept them clean.
            Assert.Contains("Request starting", gateway.Log, StringComparison.Ordinal);
            Assert.Contains("[redacted]", gateway.Log, StringComparison.Ordinal);
            foreach (var (file, text) in haystacks)
            {
                foreach (var secret in secrets)
                {
                    Assert.False(text.Contains(secret, StringComparison.Ordinal), $"{file} contains a secret ({secret[..6]}…)");
                }
            }
        }
        finally
        {
            await gateway.DisposeAsync();
            backend.Stop();
            backend.Dispose();
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task SendAsync(HttpClient client, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
    }

    private static async Task SignInAsync(HttpClient admin, string username, string password)
    {
        var page = await admin.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var antiforgery = AntiforgeryField().Match(page).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Password"] = password,
            ["__RequestVerificationToken"] = antiforgery,
        });
        using var response = await admin.PostAsync(new Uri("/signin", UriKind.Relative), form);
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    private static async Task<string> Cli(Dictionary<string, string> environment, string? stdin, params string[] args)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, .. args], environment, stdin: stdin);
        Assert.True(exit == 0, stderr);
        return stdout;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
