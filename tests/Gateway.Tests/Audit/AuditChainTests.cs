using Gateway.Audit;
using Gateway.Cli;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Audit;

/// <summary>The hash chain: `gateway audit verify` passes untouched files and finds every kind of tampering.</summary>
public sealed class AuditChainTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gateway-audit-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Verify_UntouchedFile_IsIntact()
    {
        var file = Write(5);

        var (exit, stdout, _) = await CliAsync(null, "audit", "verify", file);

        Assert.Equal(0, exit);
        Assert.Contains("OK: 5 events", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_AfterRestart_ChainContinues()
    {
        Write(3);
        var file = Write(2);

        var (exit, stdout, _) = await CliAsync(null, "audit", "verify", file);

        Assert.Equal(0, exit);
        Assert.Contains("OK: 5 events", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_EditedLine_FailsAtTheNextLine()
    {
        var file = Write(5);
        var lines = File.ReadAllLines(file);
        lines[2] = lines[2].Replace("\"Status\":401", "\"Status\":200", StringComparison.Ordinal);
        File.WriteAllLines(file, lines);

        var (exit, stdout, _) = await CliAsync(null, "audit", "verify", file);

        Assert.Equal(1, exit);
        Assert.Contains($"{file}:4:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedLine_Fails()
    {
        var file = Write(5);
        File.WriteAllLines(file, File.ReadAllLines(file).Where((_, i) => i != 1));

        var (exit, stdout, _) = await CliAsync(null, "audit", "verify", file);

        Assert.Equal(1, exit);
        Assert.Contains($"{file}:2:", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SwappedPair_Fails()
    {
        var file = Write(5);
        var lines = File.ReadAllLines(file);
        (lines[1], lines[2]) = (lines[2], lines[1]);
        File.WriteAllLines(file, lines);

        var (exit, _, _) = await CliAsync(null, "audit", "verify", file);

        Assert.Equal(1, exit);
    }

    [Fact]
    public async Task Verify_TruncatedFile_Fails()
    {
        var file = Write(5);
        var text = File.ReadAllText(file);
        File.WriteAllText(file, text[..(text.Length - 20)]);

        var (exit, stdout, _) = await CliAsync(null, "audit", "verify", file);

        Assert.Equal(1, exit);
        Assert.Contains("BROKEN", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindToken_TokenOnStdin_PrintsItsEventsOnly()
    {
        var token = new TokenFormat("opt_live_").Generate();
        Write(3, TokenFormat.HashForAudit(token));
        Write(2);

        var (exit, stdout, stderr) = await CliAsync(token, "audit", "find-token", "--path", _folder);

        Assert.Equal(0, exit);
        Assert.Equal(3, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("3 event(s)", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(token, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CliChanges_GoToTheCliChain_AndVerifyTogetherWithTheServerFiles()
    {
        var data = Path.Combine(_folder, "data");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var (created, json, _) = await CliAsync(null, "tokens", "create", "--client", "5", "--name", "cli-audited", "--scopes", "account:read", "--json", "--data", data);
        var id = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
        await CliAsync(null, "tokens", "revoke", id, "--data", data);
        using (var server = new AuditLog(Options.Create(new AuditOptions { Path = Path.Combine(data, "logs") })))
        {
            server.Write(new RequestAuditEvent { Time = DateTimeOffset.UtcNow, RequestId = "r1", Method = "GET", Path = "/", Decision = "denied", Status = 404 });
        }

        var cliFile = Assert.Single(Directory.GetFiles(Path.Combine(data, "logs"), "audit-cli-*.clef"));
        var lines = File.ReadAllLines(cliFile);
        var (exit, stdout, _) = await CliAsync(null, ["audit", "verify", .. Directory.GetFiles(Path.Combine(data, "logs"), "*.clef")]);

        Assert.Equal(0, created);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"Action\":\"token.created\"", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"Actor\":\"cli:", lines[0], StringComparison.Ordinal);
        Assert.Contains("\"Action\":\"token.revoked\"", lines[1], StringComparison.Ordinal);
        Assert.Equal(0, exit);
        Assert.Contains("OK: 3 events", stdout, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    // Writes events as the gateway would, then closes the log (flushing it) and returns today's file.
    private string Write(int count, string? hashedToken = null)
    {
        using (var log = new AuditLog(Options.Create(new AuditOptions { Path = _folder })))
        {
            for (var i = 0; i < count; i++)
            {
                log.Write(new RequestAuditEvent
                {
                    Time = DateTimeOffset.UtcNow,
                    RequestId = Guid.NewGuid().ToString("N"),
                    Method = "GET",
                    Path = "/api/v1/me",
                    Decision = "denied",
                    Reason = "unknown_token",
                    HashedToken = hashedToken,
                    Status = 401,
                });
            }
        }

        return Assert.Single(Directory.GetFiles(_folder, "audit-*.clef"));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> CliAsync(string? stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        using var input = new StringReader(stdin ?? "");
        var exit = await GatewayCli.RunAsync(args, stdout, stderr, input);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
