using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.Audit;
using Gateway.Data;
using Gateway.Tests.Infrastructure;
using LegacyStub;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Audit;

/// <summary>
/// One audit trail per store: the audit folder is a setting of the store (under its data folder by default, not the
/// working directory), every process on the store writes there — each in a chain of its own, so no two interleave
/// lines in one file — the server's view shows what the CLI did, and one `gateway audit verify` covers every chain.
/// </summary>
public sealed class AuditFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gateway-audit-folder-").FullName;

    [Theory]
    [InlineData("logs", "data/logs")]
    [InlineData("../shared-audit", "shared-audit")]
    public void Path_Relative_IsUnderTheStoresDataFolder(string configured, string expected)
    {
        var collection = new ServiceCollection().AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Storage:DataPath"] = Path.Combine(_root, "data"),
            ["Gateway:Audit:Path"] = configured,
        }).Build());
        collection.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section);
        collection.AddAuditOptions();
        using var services = collection.BuildServiceProvider();

        Assert.Equal(Path.Combine(_root, expected), services.GetRequiredService<IOptions<AuditOptions>>().Value.Path);
    }

    [Fact]
    public async Task Writers_TwoOnOneFolder_TakeChainsOfTheirOwnAndNeverInterleave()
    {
        var folder = Path.Combine(_root, "logs");
        var options = Options.Create(new AuditOptions { Path = folder });
        using (var first = new AuditLog(options, TestAuditKeys.Ring()))
        using (var second = new AuditLog(options, TestAuditKeys.Ring()))
        {
            Assert.Equal("audit-", first.Chain);
            Assert.Equal("audit-2-", second.Chain);
            await Task.WhenAll(
                Task.Run(() => Write(first, 2000)),
                Task.Run(() => Write(second, 2000)));
        }

        using (var third = new AuditLog(options, TestAuditKeys.Ring()))
        {
            // Both chains are free again: a new process resumes the first.
            Assert.Equal("audit-", third.Chain);
            Write(third, 1);
        }

        var result = AuditVerifier.Verify(Directory.GetFiles(folder, "*.clef"), TestAuditKeys.Ring());

        Assert.True(result.Intact, $"{result.File}:{result.Line}: {result.Problem}");
        Assert.Equal(4001, result.Events);
        Assert.Equal(["audit-", "audit-2-"], result.Chains!.Select(c => c.Chain));
    }

    [Fact]
    public async Task ServerAndCli_OneStore_TheServerShowsTheCliActionsAndOneVerifyCoversBoth()
    {
        var data = Path.Combine(_root, "data");
        var backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = "Bearer folder-backend" });
        var environment = GatewayProcess.Environment(data, backend.Url + "/", "Bearer folder-backend");
        // Nothing about the audit folder: where it is follows from the store alone.
        environment.Remove("Gateway__Audit__Path");
        var cli = new Dictionary<string, string>(environment);
        cli.Remove("Gateway__Storage__DataPath");
        await using var gateway = await GatewayProcess.StartAsync(environment, plainHttp: false);
        try
        {
            // An admin key belongs to a staff account: the CLI makes both (the password from stdin).
            var (made, _, madeError) = await ProcessRunner.RunAsync(
                "dotnet", [GatewayProcess.ExecutablePath, "staff", "create", "folder-owner", "--role", "auditor", "--data", data], cli, stdin: "folder-owner-password-1");
            Assert.True(made == 0, madeError);
            var key = JsonDocument.Parse(await CliAsync(cli, "staff", "keys", "create", "--name", "folder", "--role", "auditor", "--owner", "folder-owner", "--json", "--data", data)).RootElement.GetProperty("key").GetString();
            var token = JsonDocument.Parse(await CliAsync(cli, "tokens", "create", "--client", "2", "--name", "from-cli", "--scopes", "account:read", "--json", "--data", data)).RootElement;
            using (var client = gateway.CreateClient())
            using (await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
            {
            }

            using var admin = gateway.CreateClient(admin: true);
            admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

            var view = await WaitForAsync(admin, $"/admin/api/v1/audit?token={token.GetProperty("id").GetInt64()}&reason=token.created");
            await WaitForAsync(admin, "/admin/api/v1/audit?reason=missing_token");
            var verify = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, "audit", "verify", "--data", data], cli);

            Assert.StartsWith("cli:", view.GetProperty("Actor").GetString(), StringComparison.Ordinal);
            Assert.True(verify.Exit == 0, verify.Stdout + verify.Stderr);
            Assert.Contains("audit-: ", verify.Stdout, StringComparison.Ordinal);
            Assert.Contains("audit-cli-: ", verify.Stdout, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(data, "logs", $"audit-cli-{DateTime.UtcNow:yyyyMMdd}.clef")));
        }
        finally
        {
            backend.Stop();
            backend.Dispose();
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private static void Write(AuditLog log, int count)
    {
        for (var i = 0; i < count; i++)
        {
            log.Write(new RequestAuditEvent { Time = DateTimeOffset.UtcNow, RequestId = Guid.NewGuid().ToString("N"), Method = "GET", Path = "/api/v1/me", Decision = "denied", Reason = "missing_token", Status = 401 });
        }
    }

    private static async Task<string> CliAsync(Dictionary<string, string> environment, params string[] args)
    {
        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, .. args], environment);
        Assert.True(exit == 0, $"gateway {string.Join(' ', args)}: {stderr}");
        return stdout;
    }

    // The index catches up when asked: ask again until the CLI's event is there (at most 10 s).
    private static async Task<JsonElement> WaitForAsync(HttpClient admin, string path)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await admin.GetAsync(new Uri(path, UriKind.Relative));
            var page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            if (page.TryGetProperty("data", out var data) && data.GetArrayLength() > 0)
            {
                return data[0].Clone();
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"No event for {path} in the server's audit view.");
    }
}
