using System.Net;
using Gateway.Data;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Gateway.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Tests.Usage;

/// <summary>Usage history (requests per day, client addresses) gathered with the last-used stamps and written in the same flush.</summary>
public sealed class TokenUsageTests(TokenUsageTests.Fixture fixture) : IClassFixture<TokenUsageTests.Fixture>
{
    private static readonly DateTimeOffset Noon = new(2027, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private GatewayFixture Gateway => fixture.Gateway;

    private ManualTimeProvider Clock => fixture.Gateway.Clock!;

    private LastUsedRecorder Recorder => Gateway.Services.GetRequiredService<LastUsedRecorder>();

    private TokenUsageService Usage => Gateway.Services.GetRequiredService<TokenUsageService>();

    private IDbContextFactory<GatewayDbContext> Store => Gateway.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();

    private DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    public sealed class Fixture : IAsyncLifetime
    {
        // The periodic flush is out of the way; each test flushes by hand, on a clock it sets.
        public GatewayFixture Gateway { get; } = new()
        {
            Settings = { ["Gateway:Usage:FlushInterval"] = "01:00:00" },
            Clock = new ManualTimeProvider(Noon, TimeZoneInfo.Utc),
        };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task GetAsync_RequestsFromTwoAddressesAfterOneFlush_TodaysCountAndBothAddresses()
    {
        Clock.Set(Noon);
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await SendAsync(token, "198.51.100.1", 3);
        await SendAsync(token, "::ffff:198.51.100.2", 2);

        Assert.Equal(0, (await Usage.GetAsync(token.Token.Id)).Days[^1].Requests);
        await Recorder.FlushAsync(CancellationToken.None);
        var report = await Usage.GetAsync(token.Token.Id);

        Assert.Equal(new DailyUsage(Today, 5), report.Days[^1]);
        Assert.Equal(2, report.ClientIps.Count);
        Assert.Equal(new ClientIpUsage("198.51.100.1", Noon.UtcDateTime, Noon.UtcDateTime, 3), Assert.Single(report.ClientIps, c => c.Ip == "198.51.100.1"));
        Assert.Equal(new ClientIpUsage("198.51.100.2", Noon.UtcDateTime, Noon.UtcDateTime, 2), Assert.Single(report.ClientIps, c => c.Ip == "198.51.100.2"));
    }

    [Fact]
    public async Task FlushAsync_TwoInstancesFlushTheSameTokenAndDayAtOnce_CountsAddUpAndLatestStampWins()
    {
        Clock.Set(Noon);
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await SendAsync(token, "198.51.100.1", 3);
        // A second instance on the same store saw the same token a minute later.
        var other = new LastUsedRecorder(Store, new ManualTimeProvider(Noon.AddMinutes(1), TimeZoneInfo.Utc), NullLogger<LastUsedRecorder>.Instance);
        other.Record(token.Token.Id, IPAddress.Parse("198.51.100.9"));
        other.Record(token.Token.Id, IPAddress.Parse("198.51.100.9"));

        // Both flush at once; one that loses the race for a new history row keeps its counts for its next flush.
        await Task.WhenAll(Recorder.FlushAsync(CancellationToken.None), other.FlushAsync(CancellationToken.None));
        await Task.WhenAll(Recorder.FlushAsync(CancellationToken.None), other.FlushAsync(CancellationToken.None));

        var report = await Usage.GetAsync(token.Token.Id);
        Assert.Equal(0, Recorder.Pending + other.Pending);
        Assert.Equal(5, report.Days[^1].Requests);
        Assert.Equal(["198.51.100.1", "198.51.100.9"], report.ClientIps.Select(c => c.Ip).Order(StringComparer.Ordinal));
        var stored = await Gateway.Tokens.GetAsync(token.Token.Id);
        Assert.Equal(Noon.UtcDateTime.AddMinutes(1), stored!.LastUsedAt);
        Assert.Equal("198.51.100.9", stored.LastUsedIp);
    }

    [Fact]
    public async Task GetAsync_SecondBatch_AddsToCountsAndMovesLastSeen()
    {
        Clock.Set(Noon);
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await SendAsync(token, "198.51.100.1", 2);
        await SendAsync(token, "198.51.100.2", 1);
        await Recorder.FlushAsync(CancellationToken.None);

        Clock.Advance(TimeSpan.FromMinutes(10));
        await SendAsync(token, "198.51.100.1", 3);
        await Recorder.FlushAsync(CancellationToken.None);
        var report = await Usage.GetAsync(token.Token.Id);

        Assert.Equal(6, report.Days[^1].Requests);
        Assert.Equal(
            [
                new ClientIpUsage("198.51.100.1", Noon.UtcDateTime, Noon.UtcDateTime.AddMinutes(10), 5),
                new ClientIpUsage("198.51.100.2", Noon.UtcDateTime, Noon.UtcDateTime, 1),
            ],
            report.ClientIps);
    }

    [Fact]
    public async Task GetAsync_UseOnTwoDaysLastWeek_WindowZeroFilledOldestFirst()
    {
        Clock.Set(new DateTimeOffset(2027, 6, 1, 23, 30, 0, TimeSpan.Zero));
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await SendAsync(token, "198.51.100.1", 2);
        Clock.Advance(TimeSpan.FromHours(1));
        await SendAsync(token, "198.51.100.1", 1);
        await Recorder.FlushAsync(CancellationToken.None);

        Clock.Set(new DateTimeOffset(2027, 6, 8, 9, 0, 0, TimeSpan.Zero));
        var month = await Usage.GetAsync(token.Token.Id);
        var threeDays = await Usage.GetAsync(token.Token.Id, days: 3);

        Assert.Equal(30, month.Days.Count);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => new DateOnly(2027, 5, 10).AddDays(i)), month.Days.Select(d => d.Day));
        Assert.Equal(2, month.Days.Single(d => d.Day == new DateOnly(2027, 6, 1)).Requests);
        Assert.Equal(1, month.Days.Single(d => d.Day == new DateOnly(2027, 6, 2)).Requests);
        Assert.Equal(3, month.Days.Sum(d => d.Requests));
        Assert.Equal([new(new DateOnly(2027, 6, 6), 0), new(new DateOnly(2027, 6, 7), 0), new DailyUsage(new DateOnly(2027, 6, 8), 0)], threeDays.Days);
    }

    [Fact]
    public async Task DeleteAsync_TokenWithHistory_HistoryRemoved()
    {
        Clock.Set(Noon);
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await SendAsync(token, "198.51.100.1", 2);
        await Recorder.FlushAsync(CancellationToken.None);
        Assert.Equal((1, 1), await CountRowsAsync(token.Token.Id));

        await Gateway.Tokens.RevokeAsync(token.Token.Id, "test", null);
        await Gateway.Tokens.DeleteAsync(token.Token.Id, "test");

        Assert.Equal((0, 0), await CountRowsAsync(token.Token.Id));
        var report = await Usage.GetAsync(token.Token.Id);
        Assert.Empty(report.ClientIps);
        Assert.All(report.Days, d => Assert.Equal(0, d.Requests));
    }

    [Fact]
    public async Task FlushAsync_TokenDeletedBeforeFlush_SkippedAndOthersWritten()
    {
        Clock.Set(Noon);
        var deleted = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var kept = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await Recorder.FlushAsync(CancellationToken.None);
        var writesBefore = Recorder.StoreWrites;
        await SendAsync(deleted, "198.51.100.1", 1);
        await SendAsync(kept, "198.51.100.1", 1);

        await Gateway.Tokens.RevokeAsync(deleted.Token.Id, "test", null);
        await Gateway.Tokens.DeleteAsync(deleted.Token.Id, "test");
        await Recorder.FlushAsync(CancellationToken.None);

        Assert.Equal(0, Recorder.Pending);
        Assert.Equal(writesBefore + 1, Recorder.StoreWrites);
        Assert.Equal((0, 0), await CountRowsAsync(deleted.Token.Id));
        Assert.Equal((1, 1), await CountRowsAsync(kept.Token.Id));
    }

    [Fact]
    public async Task FlushAsync_TwoTokensManyAddresses_StillOneStoreWritePerToken()
    {
        Clock.Set(Noon);
        var tokens = new[] { await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead), await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead) };
        await Recorder.FlushAsync(CancellationToken.None);
        var writesBefore = Recorder.StoreWrites;
        foreach (var token in tokens)
        {
            await SendAsync(token, "198.51.100.1", 2);
            await SendAsync(token, "198.51.100.2", 1);
            await SendAsync(token, "2001:db8::7", 1);
        }

        await Recorder.FlushAsync(CancellationToken.None);

        Assert.Equal(writesBefore + 2, Recorder.StoreWrites);
        foreach (var token in tokens)
        {
            Assert.Equal((1, 3), await CountRowsAsync(token.Token.Id));
            Assert.Equal("2001:db8::7", (await Gateway.Tokens.GetAsync(token.Token.Id))!.LastUsedIp);
        }
    }

    [Fact]
    public async Task FlushAsync_MoreAddressesThanTheCap_DailyCountsAllAddressesCapped()
    {
        Clock.Set(Noon);
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var recorder = new LastUsedRecorder(Store, Clock, NullLogger<LastUsedRecorder>.Instance);
        var requests = TokenUsageTally.MaxClientIps + 5;
        for (var i = 0; i < requests; i++)
        {
            recorder.Record(token.Token.Id, new IPAddress([10, 0, (byte)(i / 256), (byte)(i % 256)]));
        }

        await recorder.FlushAsync(CancellationToken.None);
        var report = await Usage.GetAsync(token.Token.Id);

        Assert.Equal(requests, report.Days[^1].Requests);
        Assert.Equal((1, TokenUsageTally.MaxClientIps), await CountRowsAsync(token.Token.Id));
        Assert.Equal(TokenUsageService.MaxClientIps, report.ClientIps.Count);
    }

    [Fact]
    public async Task FlushAsync_StoreFails_CountsKeptForTheNextFlush()
    {
        Clock.Set(Noon);
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var store = new FailingStore(Store) { Fail = true };
        var recorder = new LastUsedRecorder(store, Clock, NullLogger<LastUsedRecorder>.Instance);
        recorder.Record(token.Token.Id, IPAddress.Parse("198.51.100.1"));
        recorder.Record(token.Token.Id, IPAddress.Parse("198.51.100.1"));

        await recorder.FlushAsync(CancellationToken.None);
        Assert.Equal(1, recorder.Pending);
        Clock.Advance(TimeSpan.FromMinutes(1));
        recorder.Record(token.Token.Id, IPAddress.Parse("198.51.100.1"));
        store.Fail = false;
        await recorder.FlushAsync(CancellationToken.None);
        var report = await Usage.GetAsync(token.Token.Id);

        Assert.Equal(0, recorder.Pending);
        Assert.Equal(1, recorder.StoreWrites);
        Assert.Equal(3, report.Days[^1].Requests);
        Assert.Equal(new ClientIpUsage("198.51.100.1", Noon.UtcDateTime, Noon.UtcDateTime.AddMinutes(1), 3), Assert.Single(report.ClientIps));
    }

    [Theory]
    [InlineData("::ffff:192.0.2.1", "192.0.2.1")]
    [InlineData("fe80::1%3", "fe80::1")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("192.0.2.1", "192.0.2.1")]
    public void Normalize_Address_IPv4ForMappedAndNoScope(string address, string expected) =>
        Assert.Equal(expected, global::Gateway.Tokens.ClientAddress.Normalize(IPAddress.Parse(address)).ToString());

    private async Task SendAsync(CreatedToken token, string peer, int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var response = await Gateway.GetAsync("/api/v1/me", token.Plaintext, peer);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private async Task<(int Days, int ClientIps)> CountRowsAsync(long tokenId)
    {
        await using var context = await Store.CreateDbContextAsync();
        return (await context.TokenUsageDays.CountAsync(d => d.TokenId == tokenId), await context.TokenClientIps.CountAsync(c => c.TokenId == tokenId));
    }

    /// <summary>The real store, or an unreachable one while <see cref="Fail"/> is set.</summary>
    private sealed class FailingStore(IDbContextFactory<GatewayDbContext> inner) : IDbContextFactory<GatewayDbContext>
    {
        public bool Fail { get; set; }

        public GatewayDbContext CreateDbContext() =>
            Fail ? throw new InvalidOperationException("The store is unreachable.") : inner.CreateDbContext();
    }
}
