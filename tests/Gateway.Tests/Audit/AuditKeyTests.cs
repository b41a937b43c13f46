using Gateway.Audit;
using Gateway.Data;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Audit;

/// <summary>
/// The chain key: from configuration or a key file, never in the audit folder; generated for a single SQLite
/// instance (readable by the gateway's user only) and required on PostgreSQL; a bad one stops the start naming the
/// setting.
/// </summary>
public sealed class AuditKeyTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gateway-audit-keys-").FullName;

    private StorageOptions Storage => new() { DataPath = Path.Combine(_root, "data") };

    private AuditOptions Audit => new() { Path = Path.Combine(_root, "data", "logs") };

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Load_NothingConfigured_GeneratesAKeyForTheStoreReadableByItsUserOnly()
    {
        var ring = AuditKeyRing.Load(Audit, Storage, create: true)!;
        var again = AuditKeyRing.Load(Audit, Storage, create: false)!;

        var file = Path.Combine(_root, "data", "keys", "audit-chain.key");
        Assert.True(ring.Generated);
        Assert.Equal(file, ring.Source);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(file)!));
        Assert.Equal(ring.Current.Id, again.Current.Id);
        Assert.False(Directory.Exists(Audit.Path) && Directory.EnumerateFiles(Audit.Path, "*.key", SearchOption.AllDirectories).Any());
    }

    [Fact]
    public void Load_NothingConfiguredForVerify_GeneratesNothing()
    {
        Assert.Null(AuditKeyRing.Load(Audit, Storage, create: false));
        Assert.False(Directory.Exists(Path.Combine(_root, "data", "keys")));
    }

    [Fact]
    public void Load_KeyFile_FirstLineSignsAndLaterLinesAreStillAccepted()
    {
        var file = Path.Combine(_root, "chain.key");
        File.WriteAllLines(file, ["# rotated 2026-11-29", TestAuditKeys.Current, TestAuditKeys.Previous]);
        var options = Audit;
        options.ChainKeyFile = file;

        var ring = AuditKeyRing.Load(options, Storage, create: true)!;

        Assert.False(ring.Generated);
        Assert.Equal(TestAuditKeys.Ring().Current.Id, ring.Current.Id);
        Assert.NotNull(ring.Find(TestAuditKeys.Ring(TestAuditKeys.Previous).Current.Id));
        Assert.False(Directory.Exists(Path.Combine(_root, "data", "keys")));
    }

    [Theory]
    [InlineData("not base64!", "Gateway:Audit:ChainKey is not base64")]
    [InlineData("c2hvcnQ=", "Gateway:Audit:ChainKey is 5 bytes; at least 32 are needed")]
    public void Validate_UnusableChainKey_FailsNamingTheSetting(string key, string message)
    {
        var options = Audit;
        options.ChainKey = key;

        var result = Validate(options, Storage);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KeyFileInsideTheAuditFolder_Fails()
    {
        var options = Audit;
        Directory.CreateDirectory(options.Path);
        options.ChainKeyFile = Path.Combine(options.Path, "chain.key");
        File.WriteAllText(options.ChainKeyFile, TestAuditKeys.Current);

        var result = Validate(options, Storage);

        Assert.True(result.Failed);
        Assert.Contains("is inside the audit folder Gateway:Audit:Path", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AuditFolderHoldingTheGeneratedKey_Fails()
    {
        var options = Audit;
        options.Path = Path.Combine(_root, "data");

        var result = Validate(options, Storage);

        Assert.True(result.Failed);
        Assert.Contains("The generated audit chain key", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgresWithoutAKey_FailsSayingWhy()
    {
        var storage = Storage;
        storage.Provider = StoreProvider.Postgres;
        storage.ConnectionString = "Host=db.internal;Database=gateway";

        var result = Validate(Audit, storage);

        Assert.True(result.Failed);
        Assert.Contains("Gateway:Audit:ChainKey or Gateway:Audit:ChainKeyFile is required when Gateway:Storage:Provider is Postgres", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_UnusableChainKey_GatewayRefusesToStartNamingTheSetting()
    {
        var environment = GatewayProcess.Environment(Path.Combine(_root, "data"), "http://127.0.0.1:9/", "Bearer x");
        environment["Gateway__Audit__ChainKey"] = "too-short";

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => GatewayProcess.StartAsync(environment, plainHttp: false));

        Assert.Contains("Gateway:Audit:ChainKey is not base64", failure.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static ValidateOptionsResult Validate(AuditOptions audit, StorageOptions storage) =>
        new AuditOptionsValidator(Options.Create(storage)).Validate(null, audit);
}
