using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using WireMock.Server;

namespace Gateway.Tests.Clients;

/// <summary>
/// The ready WHMCS hook (<c>docs/hooks/whmcs-gateway-hook.php</c>) run by php-cli against the running gateway's admin
/// API: a tiny harness plays WHMCS (it defines <c>add_hook</c> and <c>logActivity</c>, includes the file and calls the
/// registered hooks with WHMCS-shaped <c>$vars</c>).
/// </summary>
public sealed class WhmcsHookTests : IAsyncLifetime
{
    private const string Credential = "Bearer whmcs-hook-secret";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-hook-tests", Guid.NewGuid().ToString("N"));
    private WireMockServer _backend = null!;
    private GatewayProcess _gateway = null!;
    private Dictionary<string, string> _environment = null!;
    private TestStore.Database _store = null!;
    private string _adminKey = null!;

    private static string HookFile => Path.Combine(RepositoryRoot.Path, "docs", "hooks", "whmcs-gateway-hook.php");

    public async Task InitializeAsync()
    {
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        _store = await TestStore.CreateAsync();
        _environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential, _store);
        _gateway = await GatewayProcess.StartAsync(_environment, plainHttp: false);
        // As docs/client-portal.md sets it up: a staff account for the billing system, and its admin key.
        await CliAsync(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)), ["staff", "create", "billing-hook", "--role", "admin"]);
        _adminKey = (await CliAsync("staff", "keys", "create", "--name", "whmcs-hook", "--role", "admin", "--owner", "billing-hook")).GetProperty("key").GetString()!;
        await File.WriteAllTextAsync(Harness, """
            <?php
            // Plays WHMCS for the hook: add_hook registers, logActivity records, then the named hook runs with $vars.
            $hooks = [];
            $activity = [];
            function add_hook($name, $priority, $callback) { global $hooks; $hooks[$name][] = $callback; }
            function logActivity($message) { global $activity; $activity[] = $message; }
            require getenv('HOOK_FILE');
            foreach ($hooks[$argv[1]] ?? [] as $callback) { $callback(json_decode($argv[2], true)); }
            echo json_encode(['hooks' => array_keys($hooks), 'activity' => $activity]);
            """);
    }

    private string Harness => Path.Combine(_data, "whmcs-harness.php");

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
    public async Task ClientEdit_InactiveThenActive_SuspendsAndResumesTheClientsTokens()
    {
        var token = await CreateTokenAsync(1);

        var suspended = await RunHookAsync("ClientEdit", new { userid = 1, status = "Inactive", olddata = new { status = "Active" } });
        var whileSuspended = await EventuallyAsync(token, HttpStatusCode.Unauthorized);
        var resumed = await RunHookAsync("ClientEdit", new { userid = 1, status = "Active", olddata = new { status = "Inactive" } });
        var afterwards = await EventuallyAsync(token, HttpStatusCode.OK);

        Assert.Empty(suspended.GetProperty("activity").EnumerateArray());
        Assert.Equal(["ClientClose", "ClientDelete", "ClientEdit"], suspended.GetProperty("hooks").EnumerateArray().Select(h => h.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.Unauthorized, whileSuspended);
        Assert.Empty(resumed.GetProperty("activity").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, afterwards);
        var client = await CliAsync("clients", "show", "1");
        Assert.Equal("active", client.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData("ClientClose")]
    [InlineData("ClientDelete")]
    public async Task ClientCloseOrDelete_RevokesEveryTokenWithClientClosed(string hook)
    {
        var token = await CreateTokenAsync(2);

        var result = await RunHookAsync(hook, new { userid = 2 });
        var after = await EventuallyAsync(token, HttpStatusCode.Unauthorized);

        Assert.Empty(result.GetProperty("activity").EnumerateArray());
        Assert.Equal(HttpStatusCode.Unauthorized, after);
        var tokens = (await CliAsync("tokens", "list", "--client", "2")).EnumerateArray().ToList();
        Assert.All(tokens, t => Assert.Equal("client_closed", t.GetProperty("revokeReason").GetString()));
        Assert.Equal("closed", (await CliAsync("clients", "show", "2")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Hook_WrongKeyOrNoSettings_LogsInWhmcsAndChangesNothing()
    {
        var token = await CreateTokenAsync(3);

        var wrongKey = await RunHookAsync("ClientClose", new { userid = 3 }, key: "opt_admin_" + new string('x', 38));
        var unset = await RunHookAsync("ClientClose", new { userid = 3 }, key: "");
        var notANumber = await RunHookAsync("ClientClose", new { userid = "3; DROP" });

        Assert.Contains("HTTP 401", Assert.Single(wrongKey.GetProperty("activity").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("opt_admin_", wrongKey.GetProperty("activity").ToString(), StringComparison.Ordinal);
        Assert.Contains("not configured", Assert.Single(unset.GetProperty("activity").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Contains("not a positive number", Assert.Single(notANumber.GetProperty("activity").EnumerateArray()).GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(token));
        Assert.Equal("active", (await CliAsync("clients", "show", "3")).GetProperty("state").GetString());
    }

    private async Task<JsonElement> RunHookAsync(string hook, object vars, string? key = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["HOOK_FILE"] = HookFile,
            ["GATEWAY_ADMIN_URL"] = $"https://127.0.0.1:{_gateway.AdminPort}",
            ["GATEWAY_ADMIN_KEY"] = key ?? _adminKey,
            ["GATEWAY_CA_FILE"] = _gateway.CertificatePath,
        };
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("php", [Harness, hook, JsonSerializer.Serialize(vars)], environment);
        Assert.True(exit == 0, $"php exited {exit}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private async Task<string> CreateTokenAsync(long client) =>
        (await CliAsync("tokens", "create", "--client", client.ToString(CultureInfo.InvariantCulture), "--name", $"hook-{Guid.NewGuid():N}"[..20], "--scopes", "account:read"))
            .GetProperty("token").GetString()!;

    private Task<JsonElement> CliAsync(params string[] args) => CliAsync(null, args);

    private async Task<JsonElement> CliAsync(string? input, string[] args)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, .. args, "--json"], _environment, stdin: input);
        Assert.True(exit == 0, $"gateway {string.Join(' ', args)}: {stderr}");
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }

    private async Task<HttpStatusCode> StatusAsync(string token)
    {
        using var client = _gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>The admin API changes the store; the gateway's cache follows at once (same process) — asked for at most 10 s all the same.</summary>
    private async Task<HttpStatusCode> EventuallyAsync(string token, HttpStatusCode expected)
    {
        var status = await StatusAsync(token);
        for (var attempt = 0; attempt < 50 && status != expected; attempt++)
        {
            await Task.Delay(200);
            status = await StatusAsync(token);
        }

        return status;
    }
}
