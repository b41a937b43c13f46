using Gateway.Notices;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Notices;

/// <summary>Each notice goes exactly once: across a restart, and with two instances working one store at once.</summary>
#pragma warning disable CA1001 // xunit disposes it through IAsyncLifetime.DisposeAsync
public sealed class OnceOnlyTests : IAsyncLifetime
{
    private readonly MailFixture _mail = new();

    public Task InitializeAsync() => _mail.InitializeAsync();

    public Task DisposeAsync() => _mail.DisposeAsync();

    private static TokenSpec Spec(long clientId, DateOnly? expiresOn = null) => new()
    {
        ClientId = clientId,
        Name = $"o-{Guid.NewGuid():N}"[..20],
        Scopes = [ScopeCatalog.AccountRead],
        ExpiresOn = expiresOn,
    };

    [Fact]
    public async Task Restart_SentAndPendingNotices_EachDeliveredExactlyOnce()
    {
        var first = _mail.Gateway;
        var today = DateOnly.FromDateTime(_mail.Clock.GetUtcNow().UtcDateTime);
        var sent = await first.CreateTokenAsync(Spec(1));
        var expiring = await first.CreateTokenAsync(Spec(2, today.AddDays(12)));
        await first.Services.GetRequiredService<ExpiryNoticeScheduler>().RunOnceAsync(CancellationToken.None);
        MailFixture.Wake(first);
        await _mail.WaitForMailsAsync(sent.Token.Name, 1);
        await _mail.WaitForMailsAsync(expiring.Token.Name, 2);
        // The mail server goes down; this notice fails its first attempt, then the instance stops.
        await _mail.Catcher.StopAsync();
        var pending = await first.CreateTokenAsync(Spec(3));
        var log = first.Services.GetRequiredService<DeliveryLog>();
        await Eventually.TrueAsync(async () => (await log.QueryAsync(null, 1, 100)).Items.Any(d => d.TokenId == pending.Token.Id && d.Attempts == 1), "a failed first attempt");
        await first.DisposeAsync();

        await _mail.RestartCatcherAsync();
        var later = new ManualTimeProvider(_mail.Clock.GetUtcNow() + TimeSpan.FromMinutes(2), TimeZoneInfo.Utc);
        await using var second = await _mail.StartGatewayAsync(later, first.DataPath, first.Store);
        await second.Services.GetRequiredService<ExpiryNoticeScheduler>().RunOnceAsync(CancellationToken.None);
        MailFixture.Wake(second);
        await _mail.WaitForMailsAsync(pending.Token.Name, 1);
        var sentinel = await second.CreateTokenAsync(Spec(1));
        await _mail.WaitForMailsAsync(sentinel.Token.Name, 1);

        Assert.Single(_mail.MailsAbout(sent.Token.Name));
        Assert.Equal(2, _mail.MailsAbout(expiring.Token.Name).Count);
        Assert.Single(_mail.MailsAbout(pending.Token.Name));
    }

    [Fact]
    public async Task TwoInstances_OneStore_EveryNoticeDeliveredExactlyOnce()
    {
        var a = _mail.Gateway;
        await using var b = await _mail.StartGatewayAsync(_mail.Clock, a.DataPath, a.Store);
        var today = DateOnly.FromDateTime(_mail.Clock.GetUtcNow().UtcDateTime);
        // Every third token expires in 5 days: a creation notice and a 14-day notice each; the others only the first.
        var tokens = new List<(CreatedToken Token, int Mails)>();
        for (var i = 0; i < 12; i++)
        {
            var instance = i % 2 == 0 ? a : b;
            var expiring = i % 3 == 0;
            tokens.Add((await instance.CreateTokenAsync(Spec(1 + (i % 3), expiring ? today.AddDays(5) : today.AddDays(200))), expiring ? 2 : 1));
        }

        // Both instances scan and dispatch at the same time.
        await Task.WhenAll(
            a.Services.GetRequiredService<ExpiryNoticeScheduler>().RunOnceAsync(CancellationToken.None),
            b.Services.GetRequiredService<ExpiryNoticeScheduler>().RunOnceAsync(CancellationToken.None),
            a.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None),
            b.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(CancellationToken.None));
        MailFixture.Wake(a);
        MailFixture.Wake(b);
        foreach (var (token, mails) in tokens)
        {
            await _mail.WaitForMailsAsync(token.Token.Name, mails);
        }

        var sentinelA = await a.CreateTokenAsync(Spec(1));
        var sentinelB = await b.CreateTokenAsync(Spec(1));
        await _mail.WaitForMailsAsync(sentinelA.Token.Name, 1);
        await _mail.WaitForMailsAsync(sentinelB.Token.Name, 1);

        foreach (var (token, mails) in tokens)
        {
            Assert.Equal(mails, _mail.MailsAbout(token.Token.Name).Count);
        }

        var ids = _mail.AllMessages.Select(m => m.Message.MessageId).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}
