using System.Globalization;
using System.Net;
using System.Text.Json;
using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace Gateway.Tests.Hardening;

/// <summary>
/// SIGTERM while requests wait on a slow backend: they finish with the backend's answer, the process exits 0, and
/// nothing is lost — each request's audit event is in the CLEF file and the token's last-used stamp is in the store.
/// </summary>
public sealed class GracefulShutdownTests : IAsyncLifetime, IDisposable
{
    private const string Credential = "Bearer shutdown-secret";
    private const int InFlight = 4;
    private static readonly TimeSpan BackendDelay = TimeSpan.FromSeconds(3);
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-shutdown-tests", Guid.NewGuid().ToString("N"));
    private readonly SemaphoreSlim _arrived = new(0);
    private WireMockServer _backend = null!;
    private Dictionary<string, string> _environment = null!;

    public Task InitializeAsync()
    {
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        _backend.Given(Request.Create().WithPath("/api/v1/me").UsingGet()).AtPriority(1).RespondWith(Response.Create().WithCallback(SlowProfile));
        _environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential);
        // Only the flush on stop can write the stamps.
        _environment["Gateway__Usage__FlushInterval"] = "01:00:00";
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _backend.Stop();
        _backend.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
    }

    public void Dispose() => _arrived.Dispose();

    [Fact]
    public async Task Sigterm_RequestsInFlight_FinishWith200AndAuditAndLastUsedAreKept()
    {
        var gateway = await GatewayProcess.StartAsync(_environment, plainHttp: false);
        long tokenId;
        List<HttpResponseMessage> answers;
        try
        {
            (tokenId, var token) = await CreateTokenAsync();
            using var client = gateway.CreateClient();
            var requests = Enumerable.Range(0, InFlight).Select(_ =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
                request.Headers.Authorization = new("Bearer", token);
                return client.SendAsync(request);
            }).ToList();
            for (var i = 0; i < InFlight; i++)
            {
                Assert.True(await _arrived.WaitAsync(TimeSpan.FromSeconds(30)), "the requests did not reach the backend");
            }

            // Every request is now waiting on the backend.
            var exit = await gateway.StopGracefullyAsync();
            answers = [.. await Task.WhenAll(requests)];

            Assert.Equal(0, exit);
        }
        finally
        {
            await gateway.DisposeAsync();
        }

        var folder = Path.Combine(_data, "logs");
        foreach (var answer in answers)
        {
            using (answer)
            {
                Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
                Assert.Equal(1, (await answer.JsonAsync()).GetProperty("data").GetProperty("id").GetInt64());
                var e = await AuditFile.EventAsync(folder, Assert.Single(answer.Headers.GetValues("X-Request-Id")));
                Assert.Equal("allowed", e.GetProperty("Decision").GetString());
                Assert.Equal(200, e.GetProperty("Status").GetInt32());
                Assert.Equal(200, e.GetProperty("UpstreamStatus").GetInt32());
                Assert.Equal(tokenId, e.GetProperty("TokenId").GetInt64());
            }
        }

        Assert.Equal(InFlight, _backend.LogEntries.Count(e => e.RequestMessage!.Path == "/api/v1/me"));
        var (_, shown, _) = await Cli("tokens", "show", tokenId.ToString(CultureInfo.InvariantCulture), "--json");
        var stored = JsonDocument.Parse(shown).RootElement;
        Assert.Equal("127.0.0.1", stored.GetProperty("lastUsedIp").GetString());
        Assert.Equal(JsonValueKind.String, stored.GetProperty("lastUsedAt").ValueKind);
    }

    [Fact]
    public async Task ShutdownTimeout_Default_OutlastsTheUpstreamTimeout()
    {
        await using var gateway = new GatewayFixture();
        await gateway.InitializeAsync();

        var shutdown = gateway.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout;
        var upstream = gateway.Services.GetRequiredService<Yarp.ReverseProxy.IProxyStateLookup>().GetClusters()
            .Single(c => c.ClusterId == "billing").Model.Config.HttpRequest!.ActivityTimeout!.Value;

        // A request that started just before SIGTERM may wait the whole upstream timeout, then still needs its answer written.
        Assert.Equal(TimeSpan.FromSeconds(45), shutdown);
        Assert.True(shutdown > upstream + TimeSpan.FromSeconds(10), $"shutdown {shutdown}, upstream {upstream}");
    }

    private ResponseMessage SlowProfile(IRequestMessage request)
    {
        _arrived.Release();
        Thread.Sleep(BackendDelay);
        var response = new ResponseMessage
        {
            StatusCode = 200,
            BodyData = new BodyData { BodyAsString = "{\"data\":{\"id\":1}}", DetectedBodyType = BodyType.String },
        };
        response.AddHeader("Content-Type", "application/json");
        return response;
    }

    private async Task<(long Id, string Token)> CreateTokenAsync()
    {
        var (exit, stdout, stderr) = await Cli("tokens", "create", "--client", "1", "--name", $"s-{Guid.NewGuid():N}"[..20], "--scopes", "account:read", "--json");
        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        return (json.GetProperty("id").GetInt64(), json.GetProperty("token").GetString()!);
    }

    private Task<(int Exit, string Stdout, string Stderr)> Cli(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, .. args], _environment);
}
