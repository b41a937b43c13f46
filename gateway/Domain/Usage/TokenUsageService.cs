using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Usage;

/// <summary>Reads a token's usage history (requests per day, client addresses) as the last-used flushes wrote it.</summary>
public sealed class TokenUsageService(IDbContextFactory<GatewayDbContext> db, TimeProvider time)
{
    /// <summary>The most client addresses a report lists.</summary>
    public const int MaxClientIps = 100;

    /// <summary>The longest window a report covers, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>History older than this is deleted, so the tables stay bounded.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(400);

    /// <summary>Deletes day counts and client addresses not seen within <see cref="Retention"/>; returns the rows deleted.</summary>
    public async Task<int> PruneAsync(CancellationToken ct = default)
    {
        var cutoff = time.GetUtcNow().UtcDateTime - Retention;
        var firstDay = DateOnly.FromDateTime(cutoff);
        await using var context = await db.CreateDbContextAsync(ct);
        var days = await context.TokenUsageDays.Where(d => d.Day < firstDay).ExecuteDeleteAsync(ct);
        var ips = await context.TokenClientIps.Where(c => c.LastSeen < cutoff).ExecuteDeleteAsync(ct);
        return days + ips;
    }

    /// <summary>
    /// Requests per UTC day for the <paramref name="days"/> days ending today, and the client addresses seen (all
    /// time). An unknown token has an empty history. Requests not yet flushed are not included.
    /// </summary>
    public async Task<TokenUsageReport> GetAsync(long tokenId, int days = 30, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(days);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxDays);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - days);

        await using var context = await db.CreateDbContextAsync(ct);
        var counts = await context.TokenUsageDays
            .AsNoTracking()
            .Where(d => d.TokenId == tokenId && d.Day >= first && d.Day <= today)
            .ToDictionaryAsync(d => d.Day, d => d.Requests, ct);
        var clientIps = await context.TokenClientIps
            .AsNoTracking()
            .Where(c => c.TokenId == tokenId)
            .OrderByDescending(c => c.LastSeen)
            .ThenBy(c => c.Ip)
            .Take(MaxClientIps)
            .Select(c => new ClientIpUsage(c.Ip, c.FirstSeen, c.LastSeen, c.Requests))
            .ToListAsync(ct);

        var series = Enumerable.Range(0, days)
            .Select(i => first.AddDays(i))
            .Select(day => new DailyUsage(day, counts.GetValueOrDefault(day)))
            .ToList();
        return new TokenUsageReport(series, clientIps);
    }
}
