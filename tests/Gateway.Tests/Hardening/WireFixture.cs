using System.Globalization;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Hardening;

/// <summary>
/// The gateway executable on a real socket at its default settings, in front of the stub, with one valid token of
/// client 1 (every scope): for tests that write HTTP/1.1 bytes and HTTP/2 frames themselves.
/// </summary>
public sealed class WireFixture : IAsyncLifetime
{
    public const string Credential = "Bearer wire-backend-secret";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-wire-tests", Guid.NewGuid().ToString("N"));

    public WireMockServer Backend { get; private set; } = null!;

    public GatewayProcess Gateway { get; private set; } = null!;

    public Dictionary<string, string> Environment { get; private set; } = null!;

    public string Thumbprint { get; private set; } = null!;

    public string Token { get; private set; } = null!;

    public long TokenId { get; private set; }

    public string AuditFolder => Path.Combine(_data, "logs");

    public async Task InitializeAsync()
    {
        Backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        Environment = GatewayProcess.Environment(_data, Backend.Url + "/", Credential);
        Gateway = await GatewayProcess.StartAsync(Environment, plainHttp: false);
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Gateway.CertificatePath));
        Thumbprint = certificate.Thumbprint;
        (TokenId, Token) = await CreateTokenAsync(1, "account:read,hosting:read,domains:read,dns:read");
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        Backend.Stop();
        Backend.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public async Task<(long Id, string Token)> CreateTokenAsync(long clientId, string scopes)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            "dotnet",
            [GatewayProcess.ExecutablePath, "tokens", "create", "--client", clientId.ToString(CultureInfo.InvariantCulture), "--name", $"w-{Guid.NewGuid():N}"[..20], "--scopes", scopes, "--json"],
            Environment);
        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        return (json.GetProperty("id").GetInt64(), json.GetProperty("token").GetString()!);
    }

    /// <summary>Raw HTTP/2 frames: the fields after the pseudo-headers, and a body sent as DATA frames (null: none).</summary>
    public Task<RawResponse> Http2Async(string method, string path, byte[]? body, params (string Name, string Value)[] fields)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return RawHttp2.SendAsync(Gateway.HttpsPort, Thumbprint, RawHttp2.Request(method, path, Gateway.HttpsPort, fields), body, timeout.Token);
    }

    /// <summary>Raw HTTP/1.1 bytes: the request line, Host, the given header lines as written, and a body.</summary>
    public Task<RawResponse> Http11Async(string method, string path, byte[]? body, params (string Name, string Value)[] fields)
    {
        var request = new HostileRequest("wire", method, path, "HTTP/1.1", [("Host", "localhost"), .. fields], body);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return RawHttp.SendAsync(Gateway.HttpsPort, Thumbprint, request.ToBytes(), method == "HEAD", timeout.Token);
    }
}
