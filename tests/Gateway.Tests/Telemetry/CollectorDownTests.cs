using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Telemetry;

/// <summary>
/// Collectors that are down — one refusing connections, one accepting them and never answering — at default settings:
/// requests are served and audited as ever, the failed exports are counted and reported, and the gateway still stops
/// cleanly. The audit files stay the record.
/// </summary>
public sealed class CollectorDownTests : IAsyncLifetime, IDisposable
{
    private const string Credential = "Bearer collector-down-secret";
    private const int Requests = 40;
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-otlp-down-tests", Guid.NewGuid().ToString("N"));
    private readonly TcpListener _blackHole = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];
    private WireMockServer _backend = null!;
    private TestStore.Database _store = null!;

    public async Task InitializeAsync()
    {
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        _store = await TestStore.CreateAsync();
        _blackHole.Start();
        _ = HoldConnectionsAsync();
    }

    public async Task DisposeAsync()
    {
        _blackHole.Stop();
        lock (_held)
        {
            foreach (var socket in _held)
            {
                socket.Dispose();
            }
        }

        _backend.Stop();
        _backend.Dispose();
        await _store.DisposeAsync();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public void Dispose() => _blackHole.Dispose();

    [Fact]
    public async Task Get_CollectorsDown_Every200AuditedAndFailuresCountedThenCleanStop()
    {
        var environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential, _store);
        // Nothing listens there: connections are refused.
        environment["Gateway__Telemetry__Otlp__Endpoint"] = $"http://127.0.0.1:{FreePort.Next().ToString(CultureInfo.InvariantCulture)}";
        // Connections are accepted and never answered: each export waits for its timeout.
        environment["Gateway__Audit__Otlp__Endpoint"] = $"http://127.0.0.1:{((IPEndPoint)_blackHole.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";
        var gateway = await GatewayProcess.StartAsync(environment, plainHttp: false);
        int exit;
        var ids = new List<string>();
        string metrics;
        try
        {
            var (_, token) = await CreateTokenAsync(environment);
            using var client = gateway.CreateClient();
            for (var i = 0; i < Requests; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
                request.Headers.Authorization = new("Bearer", token);
                using var response = await client.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                ids.Add(response.Headers.GetValues("X-Request-Id").Single());
            }

            using var admin = gateway.CreateClient(admin: true);
            metrics = await ScrapeUntilAsync(admin, text => Failed(text, "logs") > 0 && Failed(text, "audit") > 0);
            using var ready = await admin.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            exit = await gateway.StopGracefullyAsync();
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        Assert.True(Failed(metrics, "logs") > 0, metrics);
        Assert.True(Failed(metrics, "audit") > 0, metrics);
        Assert.Contains("OTLP export of the audit stream", gateway.Log, StringComparison.Ordinal);
        Assert.Equal(0, exit);
        foreach (var id in ids)
        {
            Assert.Equal(200, (await AuditFile.EventAsync(Path.Combine(_data, "logs"), id)).GetProperty("Status").GetInt32());
        }
    }

    private static double Failed(string metrics, string stream) => metrics.Split('\n')
        .Where(l => l.StartsWith("gateway_otlp_log_exports_total{", StringComparison.Ordinal)
            && l.Contains("outcome=\"failed\"", StringComparison.Ordinal) && l.Contains($"stream=\"{stream}\"", StringComparison.Ordinal))
        .Select(l => double.Parse(l.Split(' ')[^1], CultureInfo.InvariantCulture))
        .DefaultIfEmpty(0)
        .Sum();

    /// <summary>Scrapes until <paramref name="done"/> holds (bounded: 60 s; an unanswered export fails only at its 10 s timeout).</summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient admin, Func<string, bool> done)
    {
        var text = "";
        for (var attempt = 0; attempt < 120 && !done(text); attempt++)
        {
            await Task.Delay(500);
            text = await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        }

        return text;
    }

    private static async Task<(long Id, string Token)> CreateTokenAsync(Dictionary<string, string> environment)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            "dotnet", [GatewayProcess.ExecutablePath, "tokens", "create", "--client", "1", "--name", "down-token", "--scopes", "account:read", "--json"], environment);
        Assert.True(exit == 0, stderr);
        var json = System.Text.Json.JsonDocument.Parse(stdout).RootElement;
        return (json.GetProperty("id").GetInt64(), json.GetProperty("token").GetString()!);
    }

    private async Task HoldConnectionsAsync()
    {
        try
        {
            while (true)
            {
                var socket = await _blackHole.AcceptSocketAsync();
                lock (_held)
                {
                    _held.Add(socket);
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
        }
    }
}
