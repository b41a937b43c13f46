using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Hosting;

/// <summary>
/// The real executable and the real CLI on one store: a revocation made by another process is in force
/// within the cache bound (1 s), and a graceful stop writes the last-used stamps it still held.
/// </summary>
public sealed class ProcessLifecycleTests : IAsyncLifetime
{
    private const string Credential = "Bearer lifecycle-secret";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-lifecycle-tests", Guid.NewGuid().ToString("N"));
    private WireMockServer _backend = null!;
    private Dictionary<string, string> _environment = null!;
    private TestStore.Database _store = null!;

    public async Task InitializeAsync()
    {
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        _store = await TestStore.CreateAsync();
        _environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential, _store);
        _environment["Gateway__Usage__FlushInterval"] = "01:00:00";
    }

    public async Task DisposeAsync()
    {
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
    public async Task Revoke_ThroughCliWhileServerRuns_401WithinOneSecond()
    {
        await using var gateway = await GatewayProcess.StartAsync(_environment, plainHttp: false);
        var (id, token) = await CreateTokenAsync();
        using var client = gateway.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, token));

        var (exit, _, stderr) = await Cli("tokens", "revoke", id, "--reason", "leaked");
        Assert.True(exit == 0, stderr);
        // The cache trusts a validation for at most Gateway:Tokens:CacheRevalidateAfter (1 s).
        await Task.Delay(TimeSpan.FromSeconds(1.05));
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add(await StatusAsync(client, token));
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
    }

    [Fact]
    public async Task Stop_Sigterm_FlushesLastUsedStamp()
    {
        var gateway = await GatewayProcess.StartAsync(_environment, plainHttp: false);
        var (id, token) = await CreateTokenAsync();
        using (var client = gateway.CreateClient())
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, token));
        }

        var exit = await gateway.StopGracefullyAsync();
        await gateway.DisposeAsync();

        Assert.Equal(0, exit);
        var (_, shown, _) = await Cli("tokens", "show", id, "--json");
        var stored = JsonDocument.Parse(shown).RootElement;
        Assert.Equal("127.0.0.1", stored.GetProperty("lastUsedIp").GetString());
        Assert.Equal(JsonValueKind.String, stored.GetProperty("lastUsedAt").ValueKind);
    }

    private async Task<(string Id, string Token)> CreateTokenAsync()
    {
        var (exit, stdout, stderr) = await Cli("tokens", "create", "--client", "1", "--name", $"p-{Guid.NewGuid():N}"[..20], "--scopes", "account:read", "--json");
        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        return (json.GetProperty("id").GetInt64().ToString(CultureInfo.InvariantCulture), json.GetProperty("token").GetString()!);
    }

    private Task<(int Exit, string Stdout, string Stderr)> Cli(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, .. args], _environment);

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
