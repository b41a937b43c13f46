using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Hardening;

/// <summary>
/// The real gateway executable seen from outside: sslscan (Debian package, installed by test.sh) finds only
/// TLS 1.2/1.3 and ECDHE+AEAD suites on either listener; forwarded answers lose the backend's <c>Server</c> and
/// <c>X-Powered-By</c> headers.
/// </summary>
public sealed class TlsScanTests : IAsyncLifetime
{
    private const string Credential = "Bearer tls-scan-secret";

    /// <summary>The policy in OpenSSL's names (what sslscan prints).</summary>
    private static readonly HashSet<string> AllowedSuites =
    [
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-ECDSA-CHACHA20-POLY1305",
        "ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES256-GCM-SHA384", "ECDHE-RSA-CHACHA20-POLY1305",
    ];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-tls-tests", Guid.NewGuid().ToString("N"));
    private WireMockServer _backend = null!;
    private GatewayProcess _gateway = null!;
    private Dictionary<string, string> _environment = null!;

    public async Task InitializeAsync()
    {
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        _environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential);
        _gateway = await GatewayProcess.StartAsync(_environment, plainHttp: false);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sslscan_Listener_OffersOnlyTls12And13WithEcdheAeadSuites(bool admin)
    {
        var port = admin ? _gateway.AdminPort : _gateway.HttpsPort;

        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            "sslscan", ["--no-colour", "--no-heartbleed", "--xml=-", $"127.0.0.1:{port}"], timeout: TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, $"sslscan exited {exit}: {stderr}");
        var scan = XDocument.Parse(stdout[stdout.IndexOf("<?xml", StringComparison.Ordinal)..]);
        var enabled = scan.Descendants("protocol")
            .Where(p => (string?)p.Attribute("enabled") == "1")
            .Select(p => $"{p.Attribute("type")?.Value} {p.Attribute("version")?.Value}")
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(["tls 1.2", "tls 1.3"], enabled);
        var suites = scan.Descendants("cipher")
            .Select(c => (Version: (string?)c.Attribute("sslversion"), Name: (string?)c.Attribute("cipher")))
            .ToList();
        Assert.Contains(suites, s => s.Version == "TLSv1.2");
        Assert.Contains(suites, s => s.Version == "TLSv1.3");
        Assert.All(suites, s => Assert.True(AllowedSuites.Contains(s.Name ?? ""), $"{s.Version} {s.Name} is outside the policy"));
    }

    [Fact]
    public async Task ForwardedAnswer_BackendSendsPoweredBy_NoPoweredByOrServerReachesClient()
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            "dotnet",
            [GatewayProcess.ExecutablePath, "tokens", "create", "--client", "1", "--name", "headers", "--scopes", "account:read", "--json"],
            _environment);
        Assert.True(exit == 0, stderr);
        var token = JsonDocument.Parse(stdout).RootElement.GetProperty("token").GetString()!;
        using var client = _gateway.CreateClient();

        using var response = await client.SendAsync(Http.Get("/api/v1/me", token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var backendAnswer = Assert.Single(_backend.LogEntries).ResponseMessage!;
        Assert.Contains(backendAnswer.Headers!, h => string.Equals(h.Key, "X-Powered-By", StringComparison.OrdinalIgnoreCase));
        Assert.False(response.Headers.Contains("X-Powered-By"));
        Assert.False(response.Headers.Contains("Server"));
    }
}
