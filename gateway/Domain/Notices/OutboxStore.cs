using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Notices;

/// <summary>
/// The outbox as the dispatcher works it, safe with any number of instances on one store (SQLite or PostgreSQL):
/// an event is fanned out by whoever flips its <c>DispatchedAt</c> first, and a delivery is sent by whoever wins the
/// atomic conditional UPDATE that leases it (owner + expiry). A crashed sender's lease runs out and another takes over.
/// </summary>
public sealed class OutboxStore(IDbContextFactory<GatewayDbContext> db, TimeProvider time)
{
    /// <summary>Turns up to <paramref name="max"/> new events into deliveries; returns how many events it took.</summary>
    public async Task<int> FanOutAsync(Func<OutboxEvent, IReadOnlyList<DeliveryRoute>> routes, int max, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(routes);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var pending = await context.OutboxEvents.AsNoTracking().Where(e => e.DispatchedAt == null)
            .OrderBy(e => e.Id).Take(max).ToListAsync(cancellationToken);
        var taken = 0;
        foreach (var e in pending)
        {
            var now = StoreClock.UtcNow(time);
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            var mine = await context.OutboxEvents.Where(x => x.Id == e.Id && x.DispatchedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.DispatchedAt, now), cancellationToken);
            if (mine == 0)
            {
                continue;
            }

            foreach (var route in routes(e))
            {
                context.OutboxDeliveries.Add(new OutboxDelivery
                {
                    EventId = e.Id,
                    Channel = route.Channel,
                    Target = route.Target,
                    Status = DeliveryStatus.Pending,
                    NextAttemptAt = now,
                    CreatedAt = now,
                });
            }

            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            context.ChangeTracker.Clear();
            taken++;
        }

        return taken;
    }

    /// <summary>Leases up to <paramref name="max"/> due deliveries to <paramref name="claim"/> and returns them with their events.</summary>
    public async Task<IReadOnlyList<OutboxDelivery>> ClaimAsync(string claim, int max, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(claim);
        var now = StoreClock.UtcNow(time);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var due = await Due(context.OutboxDeliveries, now).OrderBy(d => d.NextAttemptAt).ThenBy(d => d.Id)
            .Select(d => d.Id).Take(max).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return [];
        }

        // The same conditions again, in the UPDATE itself: of several instances racing for a row, exactly one
        // updates it (PostgreSQL re-checks the WHERE after a concurrent update commits; SQLite has one writer).
        var until = now + lease;
        await Due(context.OutboxDeliveries, now).Where(d => due.Contains(d.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.LeaseOwner, claim).SetProperty(d => d.LeaseUntil, until), cancellationToken);
        return await context.OutboxDeliveries.AsNoTracking().Include(d => d.Event)
            .Where(d => d.LeaseOwner == claim && d.Status == DeliveryStatus.Pending).OrderBy(d => d.Id).ToListAsync(cancellationToken);
    }

    /// <summary>Records an attempt: sent, retried at <paramref name="retryAt"/>, or failed (null retry time).</summary>
    public async Task RecordAsync(long deliveryId, string claim, string by, AttemptResult result, DateTime? retryAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = StoreClock.UtcNow(time);
        var detail = Clip(result.Detail);
        var status = result.Outcome == AttemptOutcome.Sent ? DeliveryStatus.Sent : retryAt is null ? DeliveryStatus.Failed : DeliveryStatus.Pending;
        DateTime? sentAt = status == DeliveryStatus.Sent ? now : null;
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        // Only while the lease is still ours: if it ran out and another instance took the delivery, its record wins.
        await context.OutboxDeliveries.Where(d => d.Id == deliveryId && d.LeaseOwner == claim)
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, status)
                .SetProperty(d => d.Attempts, d => d.Attempts + 1)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.LastResult, detail)
                .SetProperty(d => d.SentAt, d => sentAt ?? d.SentAt)
                .SetProperty(d => d.NextAttemptAt, d => retryAt ?? d.NextAttemptAt)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LeaseUntil, (DateTime?)null), cancellationToken);
        context.OutboxAttempts.Add(new OutboxAttempt
        {
            DeliveryId = deliveryId,
            At = now,
            Succeeded = result.Outcome == AttemptOutcome.Sent,
            Result = detail,
            By = Clip(by, 64),
        });
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Deletes events (with their deliveries and attempts) older than <paramref name="cutoff"/> that have nothing left to send.</summary>
    public async Task<int> PruneAsync(DateTime cutoff, CancellationToken cancellationToken)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        return await context.OutboxEvents
            .Where(e => e.OccurredAt < cutoff && e.DispatchedAt != null && !e.Deliveries.Any(d => d.Status == DeliveryStatus.Pending))
            .ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<OutboxDelivery> Due(IQueryable<OutboxDelivery> deliveries, DateTime now) =>
        deliveries.Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAt <= now && (d.LeaseUntil == null || d.LeaseUntil < now));

    private static string Clip(string text, int max = 500) => text.Length <= max ? text : text[..max];
}
