using System.Net;
using System.Text.Json;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Hardening;

/// <summary>
/// The audit log's disk fills up under the real gateway executable (its audit folder is a 64 KiB tmpfs): the
/// process neither crashes nor hangs, it refuses public requests with 503 while events cannot be written
/// (nothing reaches the backend unrecorded), counts the lost events, and serves again once there is space.
/// </summary>
public sealed class StoreFaultAuditDiskTests : IAsyncLifetime
{
    private const string Credential = "Bearer audit-disk-secret";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-audit-disk-tests", Guid.NewGuid().ToString("N"));
    private string Logs => Path.Combine(_data, "logs");
    private WireMockServer _backend = null!;
    private GatewayProcess _gateway = null!;
    private bool _mounted;
    private string _token = "";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Logs);
        await StoreFaultFilesystem.MountTmpfsAsync(Logs, "64k");
        _mounted = true;
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        var environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential);
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync(
            "dotnet",
            // Its own rate limit is high: the requests until the disk is seen full can exceed the default 120 a minute.
            [GatewayProcess.ExecutablePath, "tokens", "create", "--client", "1", "--name", "disk-full", "--scopes", "account:read", "--rate-limit", "100000", "--json"],
            environment);
        Assert.True(exit == 0, stderr);
        _token = JsonDocument.Parse(stdout).RootElement.GetProperty("token").GetString()!;
        _gateway = await GatewayProcess.StartAsync(environment, plainHttp: false);
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        _backend?.Stop();
        _backend?.Dispose();
        if (_mounted)
        {
            await StoreFaultFilesystem.UnmountAsync(Logs);
        }

        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task AuditLog_DiskFull_Refuses503WithoutCrashingAndServesAgainWhenSpaceFrees()
    {
        using var client = _gateway.CreateClient();
        using (var before = await client.SendAsync(Http.Get("/api/v1/me", _token)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        StoreFaultFilesystem.Fill(Logs, "filler");

        // Requests already under way when the disk filled are forwarded; their events are the ones that fail.
        // From the first failed write on, the gateway refuses. Bounded: the first failure comes within a few events.
        HttpStatusCode status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 200 && status != HttpStatusCode.ServiceUnavailable; attempt++)
        {
            using var response = await client.SendAsync(Http.Get("/api/v1/me", _token));
            status = response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var forwarded = _backend.LogEntries.Count;
        for (var i = 0; i < 3; i++)
        {
            using var refused = await client.SendAsync(Http.Get("/api/v1/me", _token));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(ErrorResponses.ServiceUnavailable, await refused.MessageAsync());
        }

        Assert.Equal(forwarded, _backend.LogEntries.Count);
        using (var live = await client.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        using var admin = _gateway.CreateClient(admin: true);
        using (var ready = await admin.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        var metrics = await admin.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        var lost = metrics.Split('\n').Single(l => l.StartsWith("gateway_audit_events_lost_total", StringComparison.Ordinal));
        Assert.True(double.Parse(lost.Split(' ')[^1], System.Globalization.CultureInfo.InvariantCulture) > 0, lost);
        Assert.Contains("The audit log cannot be written", _gateway.Log, StringComparison.Ordinal);

        File.Delete(Path.Combine(Logs, "filler"));

        // The refusals' own events are the probe: the first one written reopens the gateway.
        for (var attempt = 0; attempt < 50 && status != HttpStatusCode.OK; attempt++)
        {
            using var response = await client.SendAsync(Http.Get("/api/v1/me", _token));
            status = response.StatusCode;
            if (status != HttpStatusCode.OK)
            {
                await Task.Delay(100);
            }
        }

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(forwarded + 1, _backend.LogEntries.Count);
        Assert.Contains("The audit log in", _gateway.Log, StringComparison.Ordinal);
    }
}
