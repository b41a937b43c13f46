using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hardening;

/// <summary>
/// A gateway test host whose SQLite store sits alone in a folder of its own (so that folder can be made
/// read-only or emptied without touching the audit log or the certificate), in front of the WireMock stub.
/// </summary>
public sealed class StoreFaultFixture : IAsyncLifetime
{
    public StoreFaultFixture()
    {
        Directory.CreateDirectory(StoreFolder);
        Gateway.Settings["Gateway:Storage:ConnectionString"] = $"Data Source={StoreFile}";
        Gateway.Settings["Gateway:Audit:Path"] = Path.Combine(Gateway.DataPath, "logs");
    }

    // The faults are the SQLite file's own (missing, locked, read-only): SQLite also in the PostgreSQL run.
    public GatewayFixture Gateway { get; } = new() { SqliteOnly = true };

    public string StoreFolder => Path.Combine(Gateway.DataPath, "store");

    public string StoreFile => Path.Combine(StoreFolder, "gateway.db");

    public Task InitializeAsync() => Gateway.InitializeAsync();

    public Task DisposeAsync() => Gateway.DisposeAsync();
}
