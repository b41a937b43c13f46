using System.Globalization;
using System.Text;
using Gateway.Audit;
using Gateway.Data;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Audit;

/// <summary>
/// The audit view at scale: over 200,000 events (the log that made one page take seconds and the process grow to
/// gigabytes), a page — the newest, one twenty pages deep, a rare token's, a filtered one — allocates about a page,
/// and the export streams every event while the live heap stays flat. Memory is measured, not time.
/// </summary>
public sealed class AuditReaderScaleTests : IDisposable
{
    private const int Events = 200_000;
    private const long RareToken = 424_242;
    private const long PageBudget = 2 * 1024 * 1024;
    private const long LiveHeapBudget = 24 * 1024 * 1024;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gateway-audit-scale", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task PagesFiltersAndExport_200kEvents_MemoryStaysFlat()
    {
        var logs = Path.Combine(_root, "logs");
        var bytes = WriteLog(logs);
        using var index = new AuditIndex(Options.Create(new AuditOptions { Path = logs }), Options.Create(new StorageOptions { DataPath = _root }));
        var reader = new AuditReader(index);
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        await index.CatchUpAsync();
        Assert.True(GC.GetTotalMemory(forceFullCollection: true) - heap < LiveHeapBudget, "building the index keeps the log in memory");

        var (newest, newestBytes) = Measure(() => reader.PageAsync(new AuditQuery { PerPage = 50 }));
        Assert.Equal(50, newest.Items.Count);
        Assert.True(newestBytes < PageBudget, $"the newest page allocated {newestBytes} bytes");
        Assert.Equal($"e{Events - 1}", newest.Items[0].GetProperty("RequestId").GetString());

        var page = newest;
        for (var i = 0; i < 20; i++)
        {
            var cursor = page.Next;
            (page, var deepBytes) = Measure(() => reader.PageAsync(new AuditQuery { PerPage = 50, Cursor = cursor }));
            Assert.True(deepBytes < PageBudget, $"page {i + 2} allocated {deepBytes} bytes");
        }

        Assert.Equal($"e{Events - 1 - (20 * 50)}", page.Items[0].GetProperty("RequestId").GetString());

        var (rare, rareBytes) = Measure(() => reader.PageAsync(new AuditQuery { TokenId = RareToken }));
        Assert.Equal(["e190000", "e100000", "e10"], rare.Items.Select(e => e.GetProperty("RequestId").GetString()));
        Assert.True(rareBytes < PageBudget, $"the rare token's page allocated {rareBytes} bytes");

        var day = new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
        var (filtered, filteredBytes) = Measure(() => reader.PageAsync(new AuditQuery
        {
            ClientId = 7, Decision = "denied", Reason = "unknown_token", From = day, To = day.AddDays(1).AddTicks(-1), PerPage = 100,
        }));
        Assert.Equal(100, filtered.Items.Count);
        Assert.All(filtered.Items, e => Assert.Equal(7, e.GetProperty("ClientId").GetInt64()));
        Assert.All(filtered.Items, e => Assert.StartsWith("2026-11-21", e.GetProperty("@t").GetString(), StringComparison.Ordinal));
        Assert.True(filteredBytes < PageBudget, $"the filtered page allocated {filteredBytes} bytes");

        var (actor, _) = Measure(() => reader.PageAsync(new AuditQuery { Actor = "staff:rare" }));
        Assert.Equal("token.revoked", Assert.Single(actor.Items).GetProperty("Action").GetString());

        // The export: every line, as written, oldest first; the live heap is sampled while it streams.
        var sink = new CountingStream(GC.GetTotalMemory(forceFullCollection: true));
        var lines = 0;
        await foreach (var line in reader.ExportAsync(new AuditQuery()))
        {
            sink.Write(line.Span);
            sink.Write("\n"u8);
            if (++lines % 50_000 == 0)
            {
                sink.Sample();
            }
        }

        Assert.Equal(Events + 1, lines);
        Assert.Equal(bytes, sink.Length);
        Assert.True(sink.PeakGrowth < LiveHeapBudget, $"the live heap grew by {sink.PeakGrowth} bytes during the export");
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static (AuditSlice Page, long Allocated) Measure(Func<Task<AuditSlice>> query)
    {
        // The index and the files are read synchronously (SQLite has no true async I/O), so this thread does all the work.
        var before = GC.GetAllocatedBytesForCurrentThread();
        var page = query().GetAwaiter().GetResult();
        return (page, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    // Two days of request events (half of them client 7's) and one staff action, as the gateway writes them.
    private static long WriteLog(string logs)
    {
        Directory.CreateDirectory(logs);
        var start = new DateTime(2026, 11, 20, 0, 0, 0, DateTimeKind.Utc);
        var step = TimeSpan.FromDays(2) / Events;
        long bytes = 0;
        StreamWriter? file = null;
        var day = DateOnly.MinValue;
        for (var i = 0; i < Events; i++)
        {
            var at = start + (step * i);
            if (DateOnly.FromDateTime(at) != day)
            {
                file?.Dispose();
                day = DateOnly.FromDateTime(at);
                file = new StreamWriter(Path.Combine(logs, $"audit-{day:yyyyMMdd}.clef"), append: false, new UTF8Encoding(false));
            }

            var token = i is 10 or 100_000 or 190_000 ? RareToken : i % 1000;
            var line = string.Create(CultureInfo.InvariantCulture, $$"""{"@t":"{{at:O}}","@mt":"{EventType} {Decision} {Reason} {Method} {Path} {Status}","EventType":"public_request","RequestId":"e{{i}}","ClientIp":"198.51.100.{{i % 250}}","Method":"GET","Path":"/api/v1/invoices?page={{i % 40}}","RouteId":"invoices","Decision":"denied","Reason":"unknown_token","TokenId":{{token}},"ClientId":{{(i % 2 == 0 ? 7 : 8)}},"HashedToken":"A1i6CNFy13AEBj5sCdeivgzOfxR1gzw2icVu4UJmtks=","Status":401,"UpstreamStatus":null,"DurationMs":0.412,"UpstreamDurationMs":null,"UserAgent":"billing-sync/1.0","KeyId":"0a1b2c3d","PrevMac":"Q2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2w=","Mac":"Q2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2w="}""");
            file!.Write(line + "\n");
            bytes += Encoding.UTF8.GetByteCount(line) + 1;
        }

        file!.Dispose();
        var staff = """{"@t":"2026-11-21T12:00:00.0000000Z","@mt":"{EventType} {Action} {Actor} {Target} {Outcome}","EventType":"staff_action","Action":"token.revoked","Actor":"staff:rare","Target":"token:5","After":{"ClientId":7},"KeyId":"0a1b2c3d","PrevMac":"genesis","Mac":"Q2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2w="}""";
        File.WriteAllText(Path.Combine(logs, "audit-cli-20261121.clef"), staff + "\n");
        return bytes + Encoding.UTF8.GetByteCount(staff) + 1;
    }

    /// <summary>Counts what is written to it and keeps nothing; samples the live heap on request.</summary>
    private sealed class CountingStream(long baseline)
    {
        public long Length { get; private set; }

        public long PeakGrowth { get; private set; }

        public void Write(ReadOnlySpan<byte> bytes) => Length += bytes.Length;

        public void Sample() => PeakGrowth = Math.Max(PeakGrowth, GC.GetTotalMemory(forceFullCollection: true) - baseline);
    }
}
