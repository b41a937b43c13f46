using System.Globalization;
using Gateway.Audit;
using Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Audit;

/// <summary>
/// The background indexer: on its own thread, at a lower CPU priority than the requests (so the scheduler runs them
/// first on a busy machine), following the files by itself, and stopping cleanly however often the host stops it.
/// </summary>
public sealed class AuditIndexerTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gateway-audit-indexer", Guid.NewGuid().ToString("N"));

    private string Logs => Path.Combine(_root, "logs");

    [Fact]
    public async Task Start_LinesAppended_IndexedInTheBackgroundOnALowerPriorityThread()
    {
        Directory.CreateDirectory(Logs);
        var file = Path.Combine(Logs, "audit-20261130.clef");
        File.WriteAllText(file, Line("a"));
        using var index = new AuditIndex(Options.Create(new AuditOptions { Path = Logs }), Options.Create(new StorageOptions { DataPath = _root }));
        using var indexer = new AuditIndexer(index, NullLogger<AuditIndexer>.Instance);

        await indexer.StartAsync(CancellationToken.None);
        await WaitForAsync(() => IndexedCount(index) == 1);
        File.AppendAllText(file, Line("b"));
        // Nobody asks for a catch-up: the indexer's own slices pick the line up.
        await WaitForAsync(() => IndexedCount(index) == 2);

        if (OperatingSystem.IsLinux())
        {
            var thread = IndexerThreadStat();
            Assert.NotNull(thread);
            // Field 19 of /proc/<pid>/task/<tid>/stat, counted after the parenthesised name: the nice value.
            var fields = thread![(thread.LastIndexOf(')') + 2)..].Split(' ');
            Assert.Equal(AuditIndexer.Niceness.ToString(CultureInfo.InvariantCulture), fields[16]);
        }

        await indexer.StopAsync(CancellationToken.None);
        await indexer.StopAsync(CancellationToken.None);
        Assert.Null(IndexerThreadStat());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private static string? IndexerThreadStat() =>
        Directory.GetDirectories("/proc/self/task")
            .Select(task => File.Exists(Path.Combine(task, "comm")) && File.ReadAllText(Path.Combine(task, "comm")).Trim() == "Audit index"
                ? File.ReadAllText(Path.Combine(task, "stat"))
                : null)
            .FirstOrDefault(stat => stat is not null);

    private static long IndexedCount(AuditIndex index)
    {
        if (!File.Exists(index.File))
        {
            return 0;
        }

        using var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = index.File, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        db.Open();
        using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM events";
        try
        {
            return (long)count.ExecuteScalar()!;
        }
        catch (SqliteException)
        {
            // Not created yet.
            return 0;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the background indexer did not catch up within 30 s");
            await Task.Delay(50);
        }
    }

    private static string Line(string id) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"@t":"2026-11-30T10:00:00.0000000Z","@mt":"{EventType} {Decision} {Reason} {Method} {Path} {Status}","EventType":"public_request","RequestId":"{{id}}","ClientIp":"198.51.100.1","Method":"GET","Path":"/api/v1/me","RouteId":"me","Decision":"allowed","Reason":null,"TokenId":1,"ClientId":1,"HashedToken":"A1i6CNFy13AEBj5sCdeivgzOfxR1gzw2icVu4UJmtks=","Status":200,"UpstreamStatus":200,"DurationMs":0.4,"UpstreamDurationMs":0.2,"UserAgent":"curl/7.88","KeyId":"0a1b2c3d","PrevMac":"genesis","Mac":"Q2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2w="}

        """);
}
