using Gateway.Audit;
using Gateway.Data;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Audit;

/// <summary>
/// The end of a chain: each writer seals its newest event in the store, so removing the last events of a chain —
/// which leaves no later line to break — is found by `gateway audit verify`, and by the next writer of the chain,
/// which records the cut in the chain itself before its own seal replaces the old one. On SQLite and PostgreSQL.
/// </summary>
public sealed class AuditSealTests : IDisposable
{
    private readonly AuditStoreFolder _store = new();

    [Fact]
    public async Task Verify_SealedChain_IsIntactAndSealedAtItsLastEvent()
    {
        await CreateTokensAsync(2);

        var result = await _store.CliAsync("audit", "verify");

        Assert.Equal(0, result.Exit);
        Assert.Contains("audit-cli-: 2 events, intact; sealed at its last event", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_LastLineRemoved_Fails()
    {
        await CreateTokensAsync(3);
        var file = CliFile();
        File.WriteAllLines(file, File.ReadAllLines(file)[..^1]);

        var result = await _store.CliAsync("audit", "verify");

        Assert.Equal(1, result.Exit);
        Assert.Contains($"BROKEN: {file}:3: the chain no longer holds the event it was sealed at", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WholeNewestFileDeleted_Fails()
    {
        await CreateTokensAsync(1);
        var file = CliFile();
        File.Delete(file);
        _store.Write(1);

        var result = await _store.CliAsync("audit", "verify");

        Assert.Equal(1, result.Exit);
        Assert.Contains("the chain audit-cli- was sealed at", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("none of its files is here", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writer_ChainCutWhileStopped_RecordsTheCutBeforeMovingTheSeal()
    {
        await CreateTokensAsync(2);
        var file = CliFile();
        File.WriteAllLines(file, File.ReadAllLines(file)[..^1]);

        // The next writer of the chain finds the cut; its own events then move the seal on.
        await CreateTokensAsync(1);
        var result = await _store.CliAsync("audit", "verify");

        Assert.Equal(1, result.Exit);
        Assert.Contains($"BROKEN: {file}:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("the gateway found this chain cut when it checked its seal", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(File.ReadAllLines(file), l => l.Contains($"\"EventType\":\"{AuditVerifier.GapEvent}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Writer_ChainCutWhileRunning_RecordsTheCutAtTheNextSeal()
    {
        var seals = new AuditSealStore(Options.Create(await _store.StorageAsync()));
        using (var log = new AuditLog(Options.Create(new AuditOptions { Path = _store.Logs }), TestAuditKeys.Ring(), seals: seals))
        {
            Write(log, 3);
            var seal = await WaitForSealAsync(seals, log.Chain, s => s.Offset == new FileInfo(_store.ServerFile).Length);
            File.WriteAllLines(_store.ServerFile, File.ReadAllLines(_store.ServerFile)[..^1]);
            Write(log, 1);
            await WaitForSealAsync(seals, log.Chain, s => s.Mac != seal.Mac && File.ReadAllText(_store.ServerFile).Contains(AuditVerifier.GapEvent, StringComparison.Ordinal));
        }

        var result = await _store.CliAsync("audit", "verify");

        // The writer kept writing where the file ended before (the cut shows as a hole there), and it recorded the cut it
        // found at the next seal in the chain.
        Assert.Equal(1, result.Exit);
        Assert.Contains($"BROKEN: {_store.ServerFile}:3:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains(File.ReadAllLines(_store.ServerFile), l => l.Contains($"\"EventType\":\"{AuditVerifier.GapEvent}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Verify_StoreHasChainsInAnotherFolder_SaysWhere()
    {
        var elsewhere = Path.Combine(_store.Root, "elsewhere");
        await CreateTokensAsync(1);
        var stray = await _store.CliWithAsync(
            new() { ["Gateway:Audit:Path"] = elsewhere }, "tokens", "create", "--client", "3", "--name", "stray", "--scopes", "account:read");
        Assert.True(stray.Exit == 0, stray.Stderr);

        var result = await _store.CliAsync("audit", "verify");

        Assert.Equal(0, result.Exit);
        Assert.Contains($"note: this store also has audit chains in {elsewhere}", result.Stdout, StringComparison.Ordinal);
    }

    public void Dispose() => _store.Dispose();

    private static void Write(AuditLog log, int count)
    {
        for (var i = 0; i < count; i++)
        {
            log.WriteAsync(new RequestAuditEvent { Time = DateTimeOffset.UtcNow, RequestId = Guid.NewGuid().ToString("N"), Method = "GET", Path = "/", Decision = "denied", Status = 404 }).AsTask().Wait();
        }
    }

    // The writer seals once a second: wait (at most 10 s) for a seal that satisfies the test.
    private async Task<AuditSeal> WaitForSealAsync(AuditSealStore seals, string chain, Func<AuditSeal, bool> wanted)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await seals.FindAsync(_store.Logs, chain) is { } seal && wanted(seal))
            {
                return seal;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"The chain {chain} was not sealed as expected.");
    }

    private string CliFile() => Assert.Single(Directory.GetFiles(_store.Logs, "audit-cli-*.clef"));

    private async Task CreateTokensAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var result = await _store.CliAsync("tokens", "create", "--client", "3", "--name", $"sealed-{Guid.NewGuid():N}"[..20], "--scopes", "account:read");
            Assert.True(result.Exit == 0, result.Stderr);
        }
    }
}
