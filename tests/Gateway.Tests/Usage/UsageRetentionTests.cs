using Gateway.Data;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Gateway.Usage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Usage;

/// <summary>Usage history is pruned past its retention, so the tables stay bounded.</summary>
public sealed class UsageRetentionTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Prune_RowsOlderThanRetention_AreDeletedRecentOnesKept()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var now = DateTime.UtcNow;
        var factory = gateway.Services.GetRequiredService<IDbContextFactory<GatewayDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.TokenUsageDays.AddRange(
                new TokenUsageDay { TokenId = token.Token.Id, Day = DateOnly.FromDateTime(now.AddDays(-500)), Requests = 5 },
                new TokenUsageDay { TokenId = token.Token.Id, Day = DateOnly.FromDateTime(now.AddDays(-2)), Requests = 7 });
            db.TokenClientIps.AddRange(
                new TokenClientIp { TokenId = token.Token.Id, Ip = "192.0.2.1", FirstSeen = now.AddDays(-600), LastSeen = now.AddDays(-450), Requests = 1 },
                new TokenClientIp { TokenId = token.Token.Id, Ip = "192.0.2.2", FirstSeen = now.AddDays(-600), LastSeen = now.AddDays(-1), Requests = 9 });
            await db.SaveChangesAsync();
        }

        var deleted = await gateway.Services.GetRequiredService<TokenUsageService>().PruneAsync();

        Assert.Equal(2, deleted);
        await using var check = await factory.CreateDbContextAsync();
        Assert.Equal([7L], await check.TokenUsageDays.Where(d => d.TokenId == token.Token.Id).Select(d => d.Requests).ToListAsync());
        Assert.Equal(["192.0.2.2"], await check.TokenClientIps.Where(c => c.TokenId == token.Token.Id).Select(c => c.Ip).ToListAsync());
    }
}
