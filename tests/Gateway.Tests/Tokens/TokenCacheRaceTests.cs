using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Tokens;

/// <summary>A cache fill that read the store before a revocation must never bring the revoked token back.</summary>
public sealed class TokenCacheRaceTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task FindAsync_FillRacesRevocation_RevokedTokenIsNotResurrected()
    {
        var cache = gateway.Services.GetRequiredService<TokenCache>();
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var hash = TokenFormat.HashForAudit(token.Plaintext);
        var readDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var revoked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        gateway.StoreCommands.AfterTokenRead = async () =>
        {
            // The fill has read the live token; hold it until the revocation has committed.
            gateway.StoreCommands.AfterTokenRead = null;
            readDone.SetResult();
            await revoked.Task;
        };

        var fill = cache.FindAsync(hash, CancellationToken.None).AsTask();
        await readDone.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await gateway.Tokens.RevokeAsync(token.Token.Id, "test", "race");
        revoked.SetResult();
        var raced = await fill;

        Assert.Null(raced!.RevokedAt);
        Assert.True(!cache.TryGetCached(hash, out var cached) || cached!.RevokedAt is not null);
        var next = await cache.FindAsync(hash, CancellationToken.None);
        Assert.NotNull(next!.RevokedAt);
        using var response = await gateway.GetAsync("/api/v1/me", token.Plaintext);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task FindAsync_ManyConcurrentRequestsDuringRevocation_NoneAdmittedAfterRevokeReturns()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using var stop = new CancellationTokenSource();
        var client = gateway.CreateHttpsClient();
        var hammer = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await client.SendAsync(Http.Get("/api/v1/me", token.Plaintext));
            }
        })).ToList();

        await Task.Delay(100);
        await gateway.Tokens.RevokeAsync(token.Token.Id, "test", "race");
        var afterRevoke = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var response = await client.SendAsync(Http.Get("/api/v1/me", token.Plaintext));
            afterRevoke.Add(response.StatusCode);
        }

        await stop.CancelAsync();
        await Task.WhenAll(hammer);
        // Never admitted once the revocation has returned (401, or 429 if the address tripped the failed-auth guard).
        Assert.DoesNotContain(HttpStatusCode.OK, afterRevoke);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke[0]);
    }
}

/// <summary>A token in use is re-read before its entry ages out, without making requests wait for the store.</summary>
public sealed class TokenCacheRefreshTests(TokenCacheRefreshTests.Fixture fixture) : IClassFixture<TokenCacheRefreshTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        // Long enough that "past the refresh point, not yet aged out" is a wide window, however slow the machine.
        public GatewayFixture Gateway { get; } = new() { Settings = { ["Gateway:Tokens:CacheRevalidateAfter"] = "00:00:05" } };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task FindAsync_EntryPastRefreshPoint_ServedFromMemoryWhileStoreIsReadInBackground()
    {
        var cache = fixture.Gateway.Services.GetRequiredService<TokenCache>();
        var token = await fixture.Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var hash = TokenFormat.HashForAudit(token.Plaintext);
        Assert.NotNull(await cache.FindAsync(hash, CancellationToken.None));
        var readStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // Past 80% of the 5 s bound (4 s), well before it ages out, even on a busy machine.
        await Task.Delay(TimeSpan.FromSeconds(4.25));
        fixture.Gateway.StoreCommands.AfterTokenRead = async () =>
        {
            fixture.Gateway.StoreCommands.AfterTokenRead = null;
            readStarted.SetResult();
            await release.Task;
        };

        // The request is answered from memory at once, although the store read it started is held.
        var found = await cache.FindAsync(hash, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(token.Token.Id, found!.TokenId);
        await readStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        release.SetResult();
    }
}
