using Gateway.Audit;
using Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Audit;

/// <summary>
/// The SQLite seal store keeps its file open between seals (a seal every second must not sync the disk every
/// second); a seals file deleted while the gateway runs is created again, not written through a stale handle.
/// </summary>
public sealed class AuditSealStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gateway-seal-store", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Save_SealsFileDeletedMeanwhile_CreatedAgainAndReadBack()
    {
        var store = new AuditSealStore(Options.Create(new StorageOptions { DataPath = _root }));
        await store.SaveAsync(Seal(offset: 100));
        Assert.Equal(100, (await store.FindAsync("/logs", "audit-"))!.Offset);

        var file = Path.Combine(_root, AuditSealStore.SqliteFileName);
        foreach (var part in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(part);
        }

        await store.SaveAsync(Seal(offset: 200));
        Assert.True(File.Exists(file));
        Assert.Equal(200, (await store.FindAsync("/logs", "audit-"))!.Offset);

        // Read by another connection (another process: `gateway audit verify`), the new file holds the new seal.
        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var read = db.CreateCommand();
        read.CommandText = "SELECT \"Offset\" FROM audit_seals";
        Assert.Equal(200L, (long)read.ExecuteScalar()!);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private static AuditSeal Seal(long offset) => new()
    {
        Folder = "/logs",
        Chain = "audit-",
        File = "audit-20261130.clef",
        Offset = offset,
        Mac = "Q2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2w=",
        SealedAt = DateTime.UtcNow,
    };
}
