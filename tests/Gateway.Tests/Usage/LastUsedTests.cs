using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Gateway.Usage;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Usage;

/// <summary>Last-used stamps are coalesced in memory and written once per token per flush, never on the request path.</summary>
public sealed class LastUsedTests(LastUsedTests.Fixture fixture) : IClassFixture<LastUsedTests.Fixture>
{
    private GatewayFixture Gateway => fixture.Gateway;

    private LastUsedRecorder Recorder => Gateway.Services.GetRequiredService<LastUsedRecorder>();

    public sealed class Fixture : IAsyncLifetime
    {
        // The periodic flush is out of the way; each test flushes by hand.
        public GatewayFixture Gateway { get; } = new() { Settings = { ["Gateway:Usage:FlushInterval"] = "01:00:00" } };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Flush_ManyRequestsOfOneToken_OneStoreWriteWithLatestTimeAndAddress()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await Recorder.FlushAsync(CancellationToken.None);
        var writesBefore = Recorder.StoreWrites;
        var updatesBefore = Gateway.StoreCommands.TokenUpdates;

        for (var i = 0; i < 20; i++)
        {
            using var response = await Gateway.GetAsync("/api/v1/me", token.Plaintext, i < 19 ? "198.51.100.1" : "198.51.100.99");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Null((await Gateway.Tokens.GetAsync(token.Token.Id))!.LastUsedAt);
        await Recorder.FlushAsync(CancellationToken.None);

        Assert.Equal(writesBefore + 1, Recorder.StoreWrites);
        // Counted at the store, not by the recorder: one UPDATE of the tokens table for 20 requests.
        Assert.Equal(updatesBefore + 1, Gateway.StoreCommands.TokenUpdates);
        var stored = await Gateway.Tokens.GetAsync(token.Token.Id);
        Assert.Equal("198.51.100.99", stored!.LastUsedIp);
        Assert.InRange(stored.LastUsedAt!.Value, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
    }

    [Fact]
    public async Task Flush_SeveralTokens_OneWriteEach()
    {
        var tokens = new List<CreatedToken>();
        for (var i = 0; i < 3; i++)
        {
            tokens.Add(await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead));
        }

        await Recorder.FlushAsync(CancellationToken.None);
        var writesBefore = Recorder.StoreWrites;
        foreach (var token in tokens)
        {
            for (var i = 0; i < 4; i++)
            {
                using var response = await Gateway.GetAsync("/api/v1/me", token.Plaintext);
            }
        }

        await Recorder.FlushAsync(CancellationToken.None);

        Assert.Equal(writesBefore + 3, Recorder.StoreWrites);
        foreach (var token in tokens)
        {
            Assert.Equal(TestPeer.DefaultAddress.ToString(), (await Gateway.Tokens.GetAsync(token.Token.Id))!.LastUsedIp);
        }
    }

    [Fact]
    public async Task Record_DeniedRequests_DoNotStamp()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.DnsRead);
        await Recorder.FlushAsync(CancellationToken.None);

        using var denied = await Gateway.GetAsync("/api/v1/me", token.Plaintext);
        await Recorder.FlushAsync(CancellationToken.None);

        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Null((await Gateway.Tokens.GetAsync(token.Token.Id))!.LastUsedAt);
    }

    [Fact]
    public async Task Flush_OlderStampAfterNewer_NeverMovesLastUseBackwards()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using (var response = await Gateway.GetAsync("/api/v1/me", token.Plaintext, "198.51.100.5"))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Recorder.FlushAsync(CancellationToken.None);
        var stored = (await Gateway.Tokens.GetAsync(token.Token.Id))!.LastUsedAt!.Value;

        // Another instance reports an older use late: it must lose (latest wins).
        var late = new LastUsedRecorder(
            Gateway.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Gateway.Data.GatewayDbContext>>(),
            new ManualTimeProvider(new DateTimeOffset(stored.AddMinutes(-5), TimeSpan.Zero), TimeZoneInfo.Utc),
            Microsoft.Extensions.Logging.Abstractions.NullLogger<LastUsedRecorder>.Instance);
        late.Record(token.Token.Id, IPAddress.Parse("192.0.2.77"));
        await late.FlushAsync(CancellationToken.None);

        var after = await Gateway.Tokens.GetAsync(token.Token.Id);
        Assert.Equal(stored, after!.LastUsedAt);
        Assert.Equal("198.51.100.5", after.LastUsedIp);
    }
}
