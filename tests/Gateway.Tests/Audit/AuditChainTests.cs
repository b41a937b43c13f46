using System.Security.Cryptography;
using System.Text;
using Gateway.Audit;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Audit;

/// <summary>
/// The keyed chain: `gateway audit verify` passes untouched files and finds every kind of tampering an attacker
/// without the key can do — an edited, removed, inserted or moved line, the last one included, even with every
/// later link recomputed — and tells lines written before the key from tampered ones.
/// </summary>
public sealed class AuditChainTests : IDisposable
{
    private readonly AuditStoreFolder _store = new();

    [Fact]
    public async Task Verify_UntouchedChain_IsIntact()
    {
        _store.Write(5);

        var result = await _store.CliAsync("audit", "verify");

        Assert.Equal(0, result.Exit);
        Assert.Contains("OK: 5 events", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterRestart_ChainContinues()
    {
        _store.Write(3);
        var file = _store.Write(2);

        var result = await _store.CliAsync("audit", "verify", file);

        Assert.Equal(0, result.Exit);
        Assert.Contains("OK: 5 events", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writer_DaysGoByAndBack_ChainRunsAcrossFilesAndRetentionDropsTheOldest()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 11, 20, 23, 59, 0, TimeSpan.Zero), TimeZoneInfo.Utc);
        var options = Microsoft.Extensions.Options.Options.Create(new AuditOptions { Path = _store.Logs, RetainedFiles = 2 });
        using (var log = new AuditLog(options, TestAuditKeys.Ring(), time: clock))
        {
            Write(log, clock, 2);
            clock.Advance(TimeSpan.FromMinutes(2));
            Write(log, clock, 2);
            // A clock set back never reopens an older file behind newer lines.
            clock.Advance(TimeSpan.FromDays(-1));
            Write(log, clock, 1);
            clock.Advance(TimeSpan.FromDays(2));
            Write(log, clock, 1);
        }

        var files = Directory.GetFiles(_store.Logs, "*.clef").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var result = await _store.CliAsync("audit", "verify");

        Assert.Equal(["audit-20261121.clef", "audit-20261122.clef"], files);
        Assert.Equal(0, result.Exit);
        Assert.Contains("OK: 4 events", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("starts after events that are not here", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EditedLine_FailsAtThatLine()
    {
        var file = _store.Write(5);
        var lines = File.ReadAllLines(file);
        lines[2] = lines[2].Replace("\"Status\":401", "\"Status\":200", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);

        var result = await _store.CliAsync("audit", "verify", file);

        Assert.Equal(1, result.Exit);
        Assert.Contains($"BROKEN: {file}:3: its MAC does not match its content", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EditedLastLine_Fails()
    {
        var file = _store.Write(5);
        var lines = File.ReadAllLines(file);
        lines[4] = lines[4].Replace("\"Decision\":\"denied\"", "\"Decision\":\"allowed\"", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);

        var result = await _store.CliAsync("audit", "verify", file);

        Assert.Equal(1, result.Exit);
        Assert.Contains($"{file}:5:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EditedLineWithEveryLaterLinkRecomputedUnkeyed_Fails()
    {
        // What defeated the unkeyed chain: edit a line, then recompute every later link. Without the key, the best an
        // attacker can do is drop the MACs from the edited line on and link the rest by SHA-256.
        var file = _store.Write(5);
        var lines = File.ReadAllLines(file);
        var previous = Link(lines[0]);
        for (var i = 1; i < lines.Length; i++)
        {
            var content = lines[i][..^AuditChainFormat.MacSuffixLength] + "}";
            content = SetMember(content, "PrevMac", "PrevHash", previous);
            lines[i] = i == 1 ? content.Replace("\"Status\":401", "\"Status\":200", StringComparison.Ordinal) : content;
            previous = Link(lines[i]);
        }

        File.WriteAllLines(file, lines);

        var result = await _store.CliAsync("audit", "verify", file);

        Assert.Equal(1, result.Exit);
        Assert.Contains($"{file}:2: an unsigned event after signed ones", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LinesResignedWithAnotherKey_Fail()
    {
        var file = _store.Write(5);
        var forger = TestAuditKeys.Ring(TestAuditKeys.Previous).Current;
        var lines = File.ReadAllLines(file);
        var previous = AuditChainFormat.MacOf(Encoding.UTF8.GetBytes(lines[0]));
        for (var i = 1; i < lines.Length; i++)
        {
            var content = lines[i][..^AuditChainFormat.MacSuffixLength] + "}";
            content = SetMember(content, "PrevMac", "PrevMac", previous!);
            lines[i] = AuditChainFormat.Sign(i == 1 ? content.Replace("\"Status\":401", "\"Status\":200", StringComparison.Ordinal) : content, forger, out var mac);
            previous = mac;
        }

        File.WriteAllLines(file, lines);

        var result = await _store.CliAsync("audit", "verify", file);

        Assert.Equal(1, result.Exit);
        Assert.Contains($"{file}:2: its MAC does not match its content", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("removed")]
    [InlineData("inserted")]
    [InlineData("swapped")]
    public async Task Verify_LineRemovedInsertedOrMoved_Fails(string change)
    {
        var file = _store.Write(5);
        var lines = File.ReadAllLines(file).ToList();
        switch (change)
        {
            case "removed":
                lines.RemoveAt(1);
                break;
            case "inserted":
                lines.Insert(3, lines[1]);
                break;
            default:
                (lines[1], lines[2]) = (lines[2], lines[1]);
                break;
        }

        File.WriteAllLines(file, lines);

        var result = await _store.CliAsync("audit", "verify", file);

        Assert.Equal(1, result.Exit);
        Assert.Contains("does not follow the event before it", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_FileCutMidLine_Fails()
    {
        var file = _store.Write(5);
        var text = File.ReadAllText(file);
        File.WriteAllText(file, text[..(text.Length - 20)]);

        var result = await _store.CliAsync("audit", "verify", file);

        Assert.Equal(1, result.Exit);
        Assert.Contains("does not end with a complete event", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_KeyRotated_AcceptsThePreviousKeyAndNamesAnUnconfiguredOne()
    {
        _store.Write(2, keys: TestAuditKeys.Ring(TestAuditKeys.Previous));
        _store.Write(2, keys: TestAuditKeys.Ring(TestAuditKeys.Current, TestAuditKeys.Previous));

        var rotated = await _store.CliWithAsync(new() { ["Gateway:Audit:PreviousChainKeys:0"] = TestAuditKeys.Previous }, "audit", "verify");
        var withoutPrevious = await _store.CliAsync("audit", "verify");

        Assert.Equal(0, rotated.Exit);
        Assert.Contains("OK: 4 events", rotated.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, withoutPrevious.Exit);
        Assert.Contains($":1: signed with key {TestAuditKeys.Ring(TestAuditKeys.Previous).Current.Id}, which is not configured here", withoutPrevious.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EventsBeforeTheKey_ReportedAsPredatingItAndPinnedByTheFirstSignedEvent()
    {
        var file = Path.Combine(_store.Logs, $"audit-{DateTime.UtcNow:yyyyMMdd}.clef");
        Directory.CreateDirectory(_store.Logs);
        File.WriteAllLines(file, UnkeyedLines(3));
        _store.Write(2);

        var intact = await _store.CliAsync("audit", "verify");
        var lines = File.ReadAllLines(file);
        // Editing an old unkeyed event and recomputing the unkeyed links after it: the first signed event still links to the original.
        lines[0] = lines[0].Replace("\"Status\":401", "\"Status\":200", StringComparison.Ordinal);
        lines[1] = SetMember(lines[1], "PrevHash", "PrevHash", Link(lines[0]));
        lines[2] = SetMember(lines[2], "PrevHash", "PrevHash", Link(lines[1]));
        File.WriteAllLines(file, lines);
        var tampered = await _store.CliAsync("audit", "verify");

        Assert.Equal(0, intact.Exit);
        Assert.Contains("OK: 5 events", intact.Stdout, StringComparison.Ordinal);
        Assert.Contains("3 events predate the chain key", intact.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, tampered.Exit);
        Assert.Contains($"{file}:4: does not follow the event before it", tampered.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NoKeyConfiguredOrGenerated_SaysWhatIsMissing()
    {
        var file = _store.Write(2);

        var result = await _store.CliWithAsync(new() { ["Gateway:Audit:ChainKey"] = null }, "audit", "verify", file);

        Assert.Equal(1, result.Exit);
        // On PostgreSQL there is no generated key to fall back on: the setting itself is required.
        Assert.Contains(
            TestStore.IsPostgres ? "Gateway:Audit:ChainKey or Gateway:Audit:ChainKeyFile is required" : "no chain key is configured here",
            result.Stdout + result.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindToken_TokenOnStdin_PrintsItsEventsFromTheStoresFolder()
    {
        var token = new TokenFormat("opt_live_").Generate();
        _store.Write(3, TokenFormat.HashForAudit(token));
        _store.Write(2);

        var result = await _store.CliWithInputAsync(token, "audit", "find-token");

        Assert.Equal(0, result.Exit);
        Assert.Equal(3, result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("3 event(s)", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _store.Dispose();

    private static void Write(AuditLog log, TimeProvider clock, int count)
    {
        for (var i = 0; i < count; i++)
        {
            log.WriteAsync(new RequestAuditEvent { Time = clock.GetUtcNow(), RequestId = Guid.NewGuid().ToString("N"), Method = "GET", Path = "/api/v1/me", Decision = "denied", Reason = "missing_token", Status = 401 }).AsTask().Wait();
        }
    }

    private static string Link(string line) => Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(line)));

    // Lines as the gateway wrote them before the chain was keyed: each links to the SHA-256 of the line before.
    private static List<string> UnkeyedLines(int count)
    {
        var lines = new List<string>();
        var previous = AuditChainFormat.Genesis;
        for (var i = 0; i < count; i++)
        {
            var line = $"{{\"@t\":\"{DateTime.UtcNow:O}\",\"@mt\":\"{{EventType}}\",\"EventType\":\"public_request\",\"RequestId\":\"old{i}\",\"Method\":\"GET\",\"Path\":\"/api/v1/me\",\"Decision\":\"denied\",\"Reason\":\"unknown_token\",\"Status\":401,\"PrevHash\":\"{previous}\"}}";
            lines.Add(line);
            previous = Link(line);
        }

        return lines;
    }

    // Replaces the string member `name` of a line by `replacement` with `value`, as an attacker editing the file would.
    private static string SetMember(string line, string name, string replacement, string value) =>
        System.Text.RegularExpressions.Regex.Replace(line, $"\"{name}\":\"[^\"]*\"", _ => $"\"{replacement}\":\"{value}\"");
}
