using System.Globalization;
using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Hosting;

/// <summary>
/// The gateway executable on real HTTPS and HTTP sockets, driven by curl exactly as the billing docs show
/// (<c>curl https://…/api/v1/me -H "Authorization: Bearer …"</c>), with the generated certificate.
/// </summary>
public sealed class RealSocketTests : IAsyncLifetime
{
    private const string Credential = "Bearer real-socket-secret";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-socket-tests", Guid.NewGuid().ToString("N"));
    private WireMockServer _backend = null!;
    private GatewayProcess _gateway = null!;
    private Dictionary<string, string> _environment = null!;
    private TestStore.Database _store = null!;

    public async Task InitializeAsync()
    {
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        _store = await TestStore.CreateAsync();
        _environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential, _store);
        _gateway = await GatewayProcess.StartAsync(_environment, plainHttp: true);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _store.DisposeAsync();
        _backend.Stop();
        _backend.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Curl_TokenFromCli_ReturnsClientOneProfileOverVerifiedTls()
    {
        var token = await CreateTokenWithCliAsync();

        var (exit, body, stderr) = await Curl(
            "--cacert", _gateway.CertificatePath,
            $"https://127.0.0.1:{_gateway.HttpsPort}/api/v1/me",
            "-H", $"Authorization: Bearer {token}");

        Assert.True(exit == 0, stderr);
        var profile = JsonDocument.Parse(body).RootElement.GetProperty("data");
        Assert.Equal(1, profile.GetProperty("id").GetInt64());
        Assert.Equal(BillingData.Default.ForClient(1)!.Profile.Email, profile.GetProperty("email").GetString());
        var received = Assert.Single(_backend.LogEntries).RequestMessage!;
        Assert.Equal(["1"], received.Header("X-Client-Id"));
        Assert.Equal([Credential], received.Header("Authorization"));
        Assert.Equal(["127.0.0.1"], received.Header("X-Forwarded-For"));
    }

    [Fact]
    public async Task Curl_NoToken_Is401JsonWithChallenge()
    {
        var (exit, output, stderr) = await Curl("--cacert", _gateway.CertificatePath, "-i", $"https://localhost:{_gateway.HttpsPort}/api/v1/me");

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("HTTP/2 401", output, StringComparison.Ordinal);
        Assert.Contains("www-authenticate: Bearer", output, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("strict-transport-security: max-age=31536000", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\nserver:", output, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("{\"message\":\"Unauthenticated.\"}", output, StringComparison.Ordinal);
        Assert.Empty(_backend.LogEntries);
    }

    [Fact]
    public async Task Curl_PlainHttpListener_Is403AndExposedTokenIsRevoked()
    {
        var token = await CreateTokenWithCliAsync();

        var (_, plain, _) = await Curl("-i", $"http://127.0.0.1:{_gateway.HttpPort}/api/v1/me", "-H", $"Authorization: Bearer {token}");
        var (_, https, _) = await Curl("--cacert", _gateway.CertificatePath, "-i", $"https://127.0.0.1:{_gateway.HttpsPort}/api/v1/me", "-H", $"Authorization: Bearer {token}");

        Assert.StartsWith("HTTP/1.1 403", plain, StringComparison.Ordinal);
        Assert.EndsWith("{\"message\":\"HTTPS is required.\"}", plain, StringComparison.Ordinal);
        Assert.StartsWith("HTTP/2 401", https, StringComparison.Ordinal);
        Assert.Empty(_backend.LogEntries);
        Assert.DoesNotContain(token, _gateway.Log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tlsv1.0", "--tls-max", "1.0")]
    [InlineData("--tlsv1.1", "--tls-max", "1.1")]
    public async Task Curl_OldTlsVersion_HandshakeFails(params string[] versionArgs)
    {
        // SECLEVEL=0 makes the client willing to speak the old protocol, so only the server can refuse it.
        var (exit, _, _) = await Curl([.. versionArgs, "--ciphers", "DEFAULT@SECLEVEL=0", "-k", $"https://127.0.0.1:{_gateway.HttpsPort}/healthz"]);

        Assert.NotEqual(0, exit);
    }

    [Theory]
    [InlineData("1.2")]
    [InlineData("1.3")]
    public async Task Curl_Tls12And13_AreServed(string version)
    {
        var (exit, body, stderr) = await Curl($"--tlsv{version}", "--tls-max", version, "--cacert", _gateway.CertificatePath, $"https://127.0.0.1:{_gateway.HttpsPort}/healthz");

        Assert.True(exit == 0, stderr);
        Assert.Equal("Healthy", body);
    }

    [Fact]
    public async Task Curl_TwoAuthorizationHeaderLines_Is401()
    {
        var token = await CreateTokenWithCliAsync();

        var (_, output, _) = await Curl(
            "--cacert", _gateway.CertificatePath, "-i", $"https://127.0.0.1:{_gateway.HttpsPort}/api/v1/me",
            "-H", $"Authorization: Bearer {token}", "-H", $"Authorization: Bearer {token}", "--http1.1");

        Assert.StartsWith("HTTP/1.1 401", output, StringComparison.Ordinal);
        Assert.Empty(_backend.LogEntries);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Certificate_GeneratedKey_IsPrivateToTheGatewayUser()
    {
        var folder = Path.GetDirectoryName(_gateway.CertificatePath)!;
        var key = Path.Combine(folder, "gateway.key");

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(key));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
    }

    [Fact]
    public async Task Restart_CertificateIsReused()
    {
        var before = await File.ReadAllTextAsync(_gateway.CertificatePath);
        await _gateway.DisposeAsync();

        _gateway = await GatewayProcess.StartAsync(_environment, plainHttp: false);

        Assert.Equal(before, await File.ReadAllTextAsync(_gateway.CertificatePath));
    }

    [Theory]
    [InlineData("/admin/api/v1/tokens", false)]
    [InlineData("/api/v1/me", true)]
    [InlineData("/healthz", true)]
    public async Task Listeners_OtherSurfacesPaths_Are404(string path, bool onAdmin)
    {
        using var client = _gateway.CreateClient(admin: onAdmin);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_backend.LogEntries);
    }

    [Fact]
    public async Task AdminListener_AdminKeyFromCli_ReadsTokens()
    {
        var (created, _, error) = await ProcessRunner.RunAsync(
            "dotnet", [GatewayProcess.ExecutablePath, "staff", "create", "socket-owner", "--role", "auditor"], _environment, stdin: "socket owner password");
        Assert.True(created == 0, error);
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            "dotnet", [GatewayProcess.ExecutablePath, "admin", "keys", "create", "--name", "socket", "--role", "auditor", "--owner", "socket-owner", "--json"], _environment);
        Assert.True(exit == 0, stderr);
        using var client = _gateway.CreateClient(admin: true);
        client.DefaultRequestHeaders.Authorization = new("Bearer", JsonDocument.Parse(stdout).RootElement.GetProperty("key").GetString());

        using var response = await client.GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> CreateTokenWithCliAsync()
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            "dotnet",
            [GatewayProcess.ExecutablePath, "tokens", "create", "--client", "1", "--name", $"curl-{Guid.NewGuid():N}"[..20], "--scopes", "account:read", "--json"],
            _environment);
        Assert.True(exit == 0, stderr);
        return JsonDocument.Parse(stdout).RootElement.GetProperty("token").GetString()!;
    }

    private static Task<(int Exit, string Stdout, string Stderr)> Curl(params string[] args) =>
        ProcessRunner.RunAsync("curl", ["--silent", "--show-error", "--max-time", "20", .. args], timeout: TimeSpan.FromSeconds(30));
}
