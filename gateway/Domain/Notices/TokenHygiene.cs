using Gateway.Data;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Notices;

/// <summary>
/// Finds tokens that are about to expire or just expired and writes their notice events, once each: every event has
/// a key made of the token, its expiry date and the kind, so running the scan again (on any instance, after any
/// restart) adds nothing. Also counts what the metrics report.
/// </summary>
public sealed class TokenHygiene(IDbContextFactory<GatewayDbContext> db, TokenLifetime lifetime, TokenViews views, NoticeEvents events)
{
    /// <summary>Notices go out this many days before a token's last valid day.</summary>
    public static readonly IReadOnlyList<int> WarningDays = [14, 3];

    /// <summary>A token that expired longer ago than this gets no notice (e.g. when notices are first turned on).</summary>
    public const int ExpiredNoticeDays = 7;

    /// <summary>The actor of scan events.</summary>
    public const string Actor = "system:expiry";

    private const int PageSize = 500;

    /// <summary>Writes the expiry events that are due and not written yet; returns how many were written.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        var today = lifetime.Today;
        var earliest = today.AddDays(-ExpiredNoticeDays);
        var latest = today.AddDays(WarningDays.Max());
        var written = 0;
        long after = 0;
        while (true)
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            var page = await context.Tokens.AsNoTracking().Include(t => t.Roles)
                .Where(t => t.Id > after && t.RevokedAt == null && t.ExpiresOn != null && t.ExpiresOn >= earliest && t.ExpiresOn <= latest)
                .OrderBy(t => t.Id).Take(PageSize).ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            after = page[^1].Id;
            var due = page.Select(t => (Token: t, Notice: Due(t.Id, t.ExpiresOn!.Value, today))).ToList();
            var keys = due.Select(d => d.Notice.Key).ToList();
            var existing = await context.OutboxEvents.Where(e => keys.Contains(e.Key)).Select(e => e.Key).ToListAsync(cancellationToken);
            foreach (var (token, notice) in due.Where(d => !existing.Contains(d.Notice.Key)))
            {
                written += await TryAddAsync(context, views.ToView(token), notice, cancellationToken) ? 1 : 0;
            }
        }

        if (written > 0)
        {
            events.Committed();
        }

        return written;
    }

    /// <summary>Live tokens whose last valid day is within the next 14 days, and tokens revoked as leaked.</summary>
    public async Task<(long ExpiringWithin14Days, long Leaked)> CountAsync(CancellationToken cancellationToken)
    {
        var today = lifetime.Today;
        var latest = today.AddDays(WarningDays.Max());
        var now = lifetime.UtcNow;
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var expiring = await context.Tokens.LongCountAsync(
            t => (t.RevokedAt == null || t.RevokedAt > now) && t.ExpiresOn != null && t.ExpiresOn >= today && t.ExpiresOn <= latest, cancellationToken);
        var leaked = await context.Tokens.LongCountAsync(t => t.RevokeKind == RevokeKinds.Leaked, cancellationToken);
        return (expiring, leaked);
    }

    private static DueNotice Due(long tokenId, DateOnly expiresOn, DateOnly today)
    {
        var daysLeft = expiresOn.DayNumber - today.DayNumber;
        var date = expiresOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (daysLeft < 0)
        {
            return new DueNotice($"token:{tokenId}:expired:{date}", NoticeEventTypes.TokenExpired, null);
        }

        // The nearest threshold only: a token first seen 2 days before expiry gets the 3-day notice, not both.
        var threshold = WarningDays.Where(d => daysLeft <= d).Min();
        return new DueNotice($"token:{tokenId}:expiring-{threshold}:{date}", NoticeEventTypes.TokenExpiring, new { DaysBefore = threshold, DaysLeft = daysLeft });
    }

    private async Task<bool> TryAddAsync(GatewayDbContext context, TokenView token, DueNotice notice, CancellationToken cancellationToken)
    {
        var e = events.Add(context, notice.Type, token, Actor, notice.Details, notice.Key);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            context.Entry(e).State = EntityState.Detached;
            // Another instance wrote the same key first (the unique index decides): nothing to do. Any other failure
            // (a busy or unavailable store) must not pass for that: the scan fails and runs again next time.
            if (await context.OutboxEvents.AnyAsync(x => x.Key == notice.Key, cancellationToken))
            {
                return false;
            }

            throw;
        }
    }

    private sealed record DueNotice(string Key, string Type, object? Details);
}
