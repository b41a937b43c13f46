using System.Diagnostics;
using System.Net;
using Gateway.Hosting;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Hardening;

/// <summary>
/// The token store missing, locked by another process, or on a read-only filesystem: authentication fails
/// closed (503 <c>Service unavailable.</c>), nothing reaches the backend for tokens not verified within the
/// cache's re-validation bound, and it all works again once the fault is fixed — no restart.
/// </summary>
public sealed class StoreFaultTests(StoreFaultFixture fixture) : IClassFixture<StoreFaultFixture>
{
    // Gateway:Tokens:CacheRevalidateAfter (1 s) plus a margin: past it, no token verified before the fault is in memory.
    private static readonly TimeSpan PastCacheBound = TimeSpan.FromSeconds(1.5);
    private GatewayFixture Gateway => fixture.Gateway;

    [Fact]
    public async Task Authenticate_StoreFileMissing_Is503AndForwardsNothingUntilRestored()
    {
        var token = await ValidatedTokenAsync();
        var aside = fixture.StoreFile + ".aside";

        File.Move(fixture.StoreFile, aside);
        try
        {
            await AssertFailsClosedAsync(token);
            Assert.False(File.Exists(fixture.StoreFile), "the gateway must not create an empty store in place of a missing one");
        }
        finally
        {
            File.Move(aside, fixture.StoreFile);
        }

        await AssertRecoversAsync(token);
    }

    [Fact]
    public async Task Authenticate_StoreLockedByAnotherProcess_Is503AndForwardsNothingUntilReleased()
    {
        var token = await ValidatedTokenAsync();

        // Another process (the sqlite3 shell) takes the write lock and keeps it.
        var info = new ProcessStartInfo("sqlite3") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(fixture.StoreFile);
        using var holder = Process.Start(info)!;
        try
        {
            await holder.StandardInput.WriteLineAsync(".timeout 10000\nBEGIN EXCLUSIVE;\nSELECT 'locked';");
            await holder.StandardInput.FlushAsync();
            using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
            {
                Assert.Equal("locked", await holder.StandardOutput.ReadLineAsync(wait.Token));
            }

            await AssertFailsClosedAsync(token);
        }
        finally
        {
            await holder.StandardInput.WriteLineAsync("ROLLBACK;\n.quit");
            holder.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await holder.WaitForExitAsync(wait.Token);
        }

        await AssertRecoversAsync(token);
    }

    [Fact]
    public async Task Authenticate_StoreOnReadOnlyFilesystem_Is503AndForwardsNothingUntilWritable()
    {
        var token = await ValidatedTokenAsync();
        // A connection of this process open on the store before the fault, as the gateway's pooled ones are: SQLite
        // shares its WAL lock memory with every later connection to the file, so a probe that only takes the lock passes.
        await using var opened = new SqliteConnection($"Data Source={fixture.StoreFile}");
        await opened.OpenAsync();
        await using (var read = opened.CreateCommand())
        {
            read.CommandText = "SELECT count(*) FROM tokens";
            Assert.NotNull(await read.ExecuteScalarAsync());
        }

        await StoreFaultFilesystem.MakeReadOnlyAsync(fixture.StoreFolder);
        try
        {
            Assert.Throws<IOException>(() => File.WriteAllText(Path.Combine(fixture.StoreFolder, "probe"), "root cannot write here"));
            await AssertFailsClosedAsync(token);
        }
        finally
        {
            await StoreFaultFilesystem.UnmountAsync(fixture.StoreFolder);
        }

        await AssertRecoversAsync(token);
    }

    /// <summary>A token that has just been admitted, so it sits in the gateway's memory when the fault starts.</summary>
    private async Task<string> ValidatedTokenAsync()
    {
        await WaitForReadinessAsync(HttpStatusCode.OK);
        var token = (await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead)).Plaintext;
        using var admitted = await Gateway.GetAsync("/api/v1/me", token);
        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        return token;
    }

    private async Task AssertFailsClosedAsync(string token)
    {
        await WaitForReadinessAsync(HttpStatusCode.ServiceUnavailable);
        // Keep the token in use meanwhile (as a busy client would): the cache may serve it until its entry ages out,
        // but must not renew it from a store it cannot rely on. One probe interval (1 s) for the background probe to
        // see the fault too, then the bound.
        var hot = DateTime.UtcNow + TimeSpan.FromSeconds(1) + PastCacheBound;
        while (DateTime.UtcNow < hot)
        {
            using var meanwhile = await Gateway.GetAsync("/api/v1/me", token);
            Assert.True(meanwhile.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{(int)meanwhile.StatusCode}");
            await Task.Delay(100);
        }

        var forwardedBefore = Gateway.Backend.LogEntries.Count;

        using var known = await Gateway.GetAsync("/api/v1/me", token);
        using var other = await Gateway.GetAsync("/api/v1/me", NeverStoredToken());

        foreach (var response in new[] { known, other })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal(ErrorResponses.ServiceUnavailable, await response.MessageAsync());
            Assert.True(response.Headers.RetryAfter is not null, "503 carries Retry-After");
        }

        Assert.Equal(forwardedBefore, Gateway.Backend.LogEntries.Count);
    }

    private async Task AssertRecoversAsync(string token)
    {
        await WaitForReadinessAsync(HttpStatusCode.OK);
        var forwardedBefore = Gateway.Backend.LogEntries.Count;

        using var admitted = await Gateway.GetAsync("/api/v1/me", token);

        Assert.Equal(HttpStatusCode.OK, admitted.StatusCode);
        Assert.Equal(forwardedBefore + 1, Gateway.Backend.LogEntries.Count);
    }

    /// <summary>A well-formed token with a valid checksum that was never stored: it can only be judged by the store.</summary>
    private string NeverStoredToken() => Gateway.Services.GetRequiredService<TokenFormat>().Generate();

    /// <summary>Polls /readyz (bounded: 30 s, for a busy machine) until the store probe has seen the fault or its end.</summary>
    private async Task WaitForReadinessAsync(HttpStatusCode expected)
    {
        var last = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 300; attempt++)
        {
            using var ready = await Gateway.CreateAdminClient().GetAsync(new Uri("/readyz", UriKind.Relative));
            last = ready.StatusCode;
            if (last == expected)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"/readyz stayed {last}, expected {expected}");
    }
}
