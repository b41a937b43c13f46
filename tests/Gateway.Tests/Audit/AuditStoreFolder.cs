using System.Globalization;
using Gateway.Audit;
using Gateway.Cli;
using Gateway.Tests.Cli;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Audit;

/// <summary>
/// A store of a test's own (SQLite in its data folder, or a PostgreSQL database of its own) with its audit folder at
/// the default place, <c>&lt;data&gt;/logs</c>; the chain key is <see cref="TestAuditKeys.Current"/>. Writes events
/// as the gateway would and runs <c>gateway …</c> in-process against it.
/// </summary>
public sealed class AuditStoreFolder : IDisposable
{
    private TestStore.Database? _store;

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "gateway-audit-tests", Guid.NewGuid().ToString("N"));

    public string Data => Path.Combine(Root, "data");

    /// <summary>Where the store's audit folder is by default: under its data folder.</summary>
    public string Logs => Path.Combine(Data, "logs");

    /// <summary>Today's file of the server's first chain.</summary>
    public string ServerFile => Path.Combine(Logs, $"audit-{DateTime.UtcNow.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.clef");

    /// <summary>Writes <paramref name="count"/> request events through a server's audit log (no store: no seal), and returns its file.</summary>
    public string Write(int count, string? hashedToken = null, AuditKeyRing? keys = null)
    {
        using (var log = new AuditLog(Options.Create(new AuditOptions { Path = Logs }), keys ?? TestAuditKeys.Ring()))
        {
            for (var i = 0; i < count; i++)
            {
                log.WriteAsync(new RequestAuditEvent
                {
                    Time = DateTimeOffset.UtcNow,
                    RequestId = Guid.NewGuid().ToString("N"),
                    Method = "GET",
                    Path = "/api/v1/me",
                    Decision = "denied",
                    Reason = "unknown_token",
                    HashedToken = hashedToken,
                    Status = 401,
                }).AsTask().Wait();
            }
        }

        return ServerFile;
    }

    /// <summary>The store's settings, migrated, for services a test builds itself.</summary>
    public async Task<Gateway.Data.StorageOptions> StorageAsync()
    {
        var migrated = await CliAsync("migrate");
        Assert.True(migrated.Exit == 0, migrated.Stderr);
        var settings = _store!.Settings;
        return new Gateway.Data.StorageOptions
        {
            DataPath = Data,
            Provider = settings.ContainsKey("Gateway:Storage:Provider") ? Gateway.Data.StoreProvider.Postgres : Gateway.Data.StoreProvider.Sqlite,
            ConnectionString = settings.GetValueOrDefault("Gateway:Storage:ConnectionString"),
        };
    }

    public Task<CliResult> CliAsync(params string[] args) => RunAsync(null, null, args);

    /// <summary>With settings laid over the store's (a null value removes one).</summary>
    public Task<CliResult> CliWithAsync(Dictionary<string, string?> settings, params string[] args) => RunAsync(null, settings, args);

    public Task<CliResult> CliWithInputAsync(string stdin, params string[] args) => RunAsync(stdin, null, args);

    public void Dispose()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task<CliResult> RunAsync(string? stdin, Dictionary<string, string?>? settings, string[] args)
    {
        _store ??= await TestStore.CreateAsync();
        var configuration = new Dictionary<string, string?>(_store.Settings) { ["Gateway:Audit:ChainKey"] = TestAuditKeys.Current };
        foreach (var (key, value) in settings ?? [])
        {
            configuration[key] = value;
        }

        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        using var input = new StringReader(stdin ?? "");
        var exit = await GatewayCli.RunAsync([.. args, "--data", Data], stdout, stderr, input, configuration);
        return new CliResult(exit, stdout.ToString(), stderr.ToString());
    }
}
