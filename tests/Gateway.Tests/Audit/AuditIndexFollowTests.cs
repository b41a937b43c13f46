using System.Globalization;
using Gateway.Audit;
using Gateway.Data;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Audit;

/// <summary>
/// The index follows the files however often it catches up: an unchanged file is skipped, but a line appended, a file
/// replaced under the same name, and a file deleted by retention each show in the next page.
/// </summary>
public sealed class AuditIndexFollowTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gateway-audit-follow", Guid.NewGuid().ToString("N"));

    private string Logs => Path.Combine(_root, "logs");

    [Fact]
    public async Task CatchUp_AppendedReplacedAndDeletedFiles_EachSeenOnTheNextCatchUp()
    {
        Directory.CreateDirectory(Logs);
        var today = Path.Combine(Logs, "audit-20261130.clef");
        var yesterday = Path.Combine(Logs, "audit-20261129.clef");
        File.WriteAllText(yesterday, Line("old-1", "2026-11-29T10:00:00.0000000Z"));
        File.WriteAllText(today, Line("a", "2026-11-30T10:00:00.0000000Z"));
        using var index = new AuditIndex(Options.Create(new AuditOptions { Path = Logs }), Options.Create(new StorageOptions { DataPath = _root }));
        var reader = new AuditReader(index);

        Assert.Equal(["a", "old-1"], await IdsAsync(index, reader));
        // Nothing changed: the same answer from a catch-up that skips both files.
        Assert.Equal(["a", "old-1"], await IdsAsync(index, reader));

        File.AppendAllText(today, Line("b", "2026-11-30T10:00:01.0000000Z"));
        Assert.Equal(["b", "a", "old-1"], await IdsAsync(index, reader));

        // Replaced under the same name (restored from a backup, say): read again from the start.
        File.WriteAllText(today, Line("c", "2026-11-30T10:00:02.0000000Z"));
        Assert.Equal(["c", "old-1"], await IdsAsync(index, reader));

        File.Delete(yesterday);
        Assert.Equal(["c"], await IdsAsync(index, reader));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private static async Task<string[]> IdsAsync(AuditIndex index, AuditReader reader)
    {
        await index.CatchUpAsync();
        var page = await reader.PageAsync(new AuditQuery { PerPage = 50 });
        return [.. page.Items.Select(e => e.GetProperty("RequestId").GetString()!)];
    }

    private static string Line(string id, string at) => string.Create(CultureInfo.InvariantCulture, $$"""
        {"@t":"{{at}}","@mt":"{EventType} {Decision} {Reason} {Method} {Path} {Status}","EventType":"public_request","RequestId":"{{id}}","ClientIp":"198.51.100.1","Method":"GET","Path":"/api/v1/me","RouteId":"me","Decision":"allowed","Reason":null,"TokenId":1,"ClientId":1,"HashedToken":"A1i6CNFy13AEBj5sCdeivgzOfxR1gzw2icVu4UJmtks=","Status":200,"UpstreamStatus":200,"DurationMs":0.4,"UpstreamDurationMs":0.2,"UserAgent":"curl/7.88","KeyId":"0a1b2c3d","PrevMac":"genesis","Mac":"Q2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2x0b3VkQ2w="}

        """);
}
