using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Deploy;

/// <summary>
/// The gateway installed as deploy/systemd describes: the <c>dotnet publish</c> folder started by its native
/// launcher the way systemd starts it (Type=notify, settings from the environment file only), the CLI wrapper
/// on the same store, and a graceful stop on SIGTERM. systemd itself does not run on the test machines, so the
/// service manager's part is played by a parent process named <c>systemd</c> holding the notify socket.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SystemdServiceTests : IAsyncLifetime
{
    private const string Credential = "Bearer service-secret";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gateway-service-tests", Guid.NewGuid().ToString("N"));
    private WireMockServer _backend = null!;
    private TestStore.Database _store = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_root);
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        _store = await TestStore.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _backend.Stop();
        _backend.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task PublishedFolder_StartedAsService_NotifiesReadyServesAndStopsOnSigterm()
    {
        var folder = await PublishedGateway.FolderAsync();
        Assert.True(PublishedGateway.IsExecutable(PublishedGateway.Launcher(folder)), "the published folder has no native launcher");
        var (httpsPort, adminPort) = (FreePort.Next(), FreePort.Next());
        var environmentFile = WriteEnvironmentFile(httpsPort, adminPort);
        var token = await CreateTokenWithCliWrapperAsync(folder, environmentFile);

        using var notify = new NotifySocket(Path.Combine(_root, "notify"));
        var log = new StringBuilder();
        using var manager = StartUnderServiceManager(folder, environmentFile, notify.Path, log);
        Assert.True(await notify.WaitForAsync("READY=1", TimeSpan.FromSeconds(60)), $"no READY=1 from the gateway:\n{log}");

        using (var client = PinnedClient(httpsPort))
        {
            using var health = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var me = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        }

        var forwarded = Assert.Single(_backend.LogEntries, e => e.RequestMessage?.Path == "/api/v1/me");
        Assert.Equal(["1"], forwarded.RequestMessage!.Header("X-Client-Id"));

        var pid = GatewayPid(log);
        using (var kill = Process.Start("kill", ["-TERM", pid.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(await notify.WaitForAsync("STOPPING=1", TimeSpan.FromSeconds(30)), $"no STOPPING=1 after SIGTERM:\n{log}");
        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await manager.WaitForExitAsync(exited.Token);
        // The parent returns the gateway's own exit status.
        Assert.True(manager.ExitCode == 0, $"exit {manager.ExitCode}:\n{log}");
        Assert.Contains("Application is shutting down", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnitFile_InstalledOverPublishedFolder_PassesSystemdAnalyzeVerify()
    {
        var unit = await InstalledUnitAsync();

        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("systemd-analyze", ["verify", unit]);

        Assert.True(exit == 0, $"systemd-analyze verify exited {exit}:\n{stdout}\n{stderr}");
        // Warnings (unknown directives, bad values) come with exit 0 too: there must be none.
        Assert.Equal(string.Empty, (stdout + stderr).Trim());
    }

    [Fact]
    public async Task UnitFile_SecurityAnalysis_ExposureRatedOk()
    {
        var unit = await InstalledUnitAsync();

        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("systemd-analyze", ["security", "--offline=yes", "--no-pager", unit]);

        Assert.True(exit == 0, $"systemd-analyze security exited {exit}:\n{stdout}\n{stderr}");
        var overall = stdout.Split('\n').Single(l => l.Contains("Overall exposure level", StringComparison.Ordinal));
        var score = double.Parse(overall.Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        // systemd rates 0–10 (10 = fully exposed); below 2 is its "OK" band at the hardened end.
        Assert.True(score < 2.0, overall);
    }

    [Fact]
    public void UnitFile_WritableFolders_AreExactlyTheStoreAndTheAuditTrail()
    {
        var unit = Directives(Path.Combine(RepositoryRoot.Path, "deploy", "systemd", "token-gateway.service"));
        var settings = Directives(Path.Combine(RepositoryRoot.Path, "deploy", "systemd", "gateway.env.example"));

        Assert.Equal("token-gateway", Assert.Single(unit["User"]));
        Assert.Equal("strict", Assert.Single(unit["ProtectSystem"]));
        Assert.Equal("yes", Assert.Single(unit["NoNewPrivileges"]));
        Assert.Equal(string.Empty, Assert.Single(unit["CapabilityBoundingSet"]));
        Assert.False(unit.ContainsKey("ReadWritePaths"));
        // The only writable folders are StateDirectory (/var/lib/…) and LogsDirectory (/var/log/…), and the
        // settings put the store and the audit trail there.
        Assert.Equal("/var/lib/" + Assert.Single(unit["StateDirectory"]), Assert.Single(settings["Gateway__Storage__DataPath"]));
        Assert.Equal("/var/log/" + Assert.Single(unit["LogsDirectory"]), Assert.Single(settings["Gateway__Audit__Path"]));
        Assert.Equal("notify", Assert.Single(unit["Type"]));
    }

    private string WriteEnvironmentFile(int httpsPort, int adminPort)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Gateway__Storage__DataPath"] = Path.Combine(_root, "data"),
            ["Gateway__Audit__Path"] = Path.Combine(_root, "logs"),
            ["Kestrel__Endpoints__Public__Url"] = $"https://127.0.0.1:{httpsPort}",
            ["Kestrel__Endpoints__Admin__Url"] = $"https://127.0.0.1:{adminPort}",
            ["ReverseProxy__Clusters__billing__Destinations__primary__Address"] = _backend.Url + "/",
            ["ReverseProxy__Clusters__billing__HealthCheck__Active__Enabled"] = "false",
            // A value with a space, as systemd's EnvironmentFile= allows: the wrapper must keep it whole.
            ["Gateway__Proxy__Backends__billing__Value"] = Credential,
        };
        foreach (var (key, value) in _store.Environment)
        {
            settings[key] = value;
        }

        var path = Path.Combine(_root, "gateway.env");
        File.WriteAllLines(path, ["# written by the test", string.Empty, .. settings.Select(s => $"{s.Key}={s.Value}")]);
        return path;
    }

    private static async Task<string> CreateTokenWithCliWrapperAsync(string folder, string environmentFile)
    {
        var wrapper = Path.Combine(RepositoryRoot.Path, "deploy", "systemd", "gateway-cli");
        var environment = new Dictionary<string, string>
        {
            ["GATEWAY_HOME"] = folder,
            ["GATEWAY_ENV_FILE"] = environmentFile,
            // The service's user on a real host; here the user running the tests (runuser needs root, as CI is).
            ["GATEWAY_USER"] = Environment.UserName,
        };
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            wrapper, ["tokens", "create", "--client", "1", "--name", "service-check", "--scopes", "account:read", "--json"], environment);
        Assert.True(exit == 0, $"gateway-cli exited {exit}:\n{stdout}\n{stderr}");
        return JsonDocument.Parse(stdout).RootElement.GetProperty("token").GetString()!;
    }

    private Process StartUnderServiceManager(string folder, string environmentFile, string notifySocket, StringBuilder log)
    {
        // systemd-aware hosting asks whether its parent process is named "systemd": a shell started through a
        // link of that name is, and it keeps the gateway as its child (no exec) so the name holds.
        var manager = Path.Combine(_root, "systemd");
        File.CreateSymbolicLink(manager, "/bin/bash");
        var start = new ProcessStartInfo(manager) { WorkingDirectory = folder };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("\"$0\" serve & echo \"gateway-pid=$!\"; wait $!");
        start.ArgumentList.Add(PublishedGateway.Launcher(folder));
        // As systemd does: a clean environment of the unit's settings, nothing inherited from the caller.
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/sbin:/usr/bin:/sbin:/bin";
        start.Environment["NOTIFY_SOCKET"] = notifySocket;
        foreach (var (key, values) in Directives(environmentFile))
        {
            start.Environment[key] = values.Last();
        }

        return PublishedGateway.Start(start, log);
    }

    private static int GatewayPid(StringBuilder log)
    {
        string text;
        lock (log)
        {
            text = log.ToString();
        }

        var line = text.Split('\n').First(l => l.StartsWith("gateway-pid=", StringComparison.Ordinal));
        return int.Parse(line["gateway-pid=".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private HttpClient PinnedClient(int port)
    {
        var certificate = Path.Combine(_root, "data", "certs", "gateway.crt");
        using var pinned = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(certificate));
        var thumbprint = pinned.Thumbprint;
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, c, _, _) => c?.Thumbprint == thumbprint };
        return new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
    }

    /// <summary>The repository's unit with its install paths pointed at the published folder and a settings file.</summary>
    private async Task<string> InstalledUnitAsync()
    {
        var folder = await PublishedGateway.FolderAsync();
        var environmentFile = WriteEnvironmentFile(FreePort.Next(), FreePort.Next());
        var text = (await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Path, "deploy", "systemd", "token-gateway.service")))
            .Replace("/etc/token-gateway/gateway.env", environmentFile, StringComparison.Ordinal)
            .Replace("/opt/token-gateway", folder.TrimEnd('/'), StringComparison.Ordinal);
        var unit = Path.Combine(_root, "token-gateway.service");
        await File.WriteAllTextAsync(unit, text);
        return unit;
    }

    /// <summary><c>Key=value</c> lines of a unit or environment file (comments and sections skipped), by key.</summary>
    private static Dictionary<string, List<string>> Directives(string path)
    {
        var directives = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.Length == 0 || line[0] is '#' or ';' or '[' || !line.Contains('=', StringComparison.Ordinal))
            {
                continue;
            }

            var split = line.IndexOf('=', StringComparison.Ordinal);
            var key = line[..split];
            if (!directives.TryGetValue(key, out var values))
            {
                directives[key] = values = [];
            }

            values.Add(line[(split + 1)..]);
        }

        return directives;
    }
}
