using System.Text.Json;
using Gateway.Audit;
using Gateway.Data;
using Gateway.Tokens;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Notices;

/// <summary>
/// The delivery log staff read in the admin UI: every notice and webhook, its status and attempts, and "send again".
/// The UI calls this; it never touches the store itself (DESIGN §1).
/// </summary>
public sealed class DeliveryLog(IDbContextFactory<GatewayDbContext> db, TokenLifetime lifetime, IStaffAuditLog audit, OutboxSignal signal)
{
    /// <summary>How many of a delivery's attempts its page shows.</summary>
    public const int RecentAttempts = 20;

    /// <summary>Deliveries, newest first, optionally only those with <paramref name="status"/>.</summary>
    public async Task<Paged<DeliveryView>> QueryAsync(string? status, int page, int perPage, CancellationToken cancellationToken = default)
    {
        perPage = Math.Clamp(perPage, 1, 100);
        page = Math.Clamp(page, 1, int.MaxValue / perPage);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var deliveries = context.OutboxDeliveries.AsNoTracking();
        if (!string.IsNullOrEmpty(status))
        {
            deliveries = deliveries.Where(d => d.Status == status);
        }

        var total = await deliveries.CountAsync(cancellationToken);
        var items = await deliveries.Include(d => d.Event).OrderByDescending(d => d.Id)
            .Skip((page - 1) * perPage).Take(perPage).ToListAsync(cancellationToken);
        return new Paged<DeliveryView>([.. items.Select(d => ToView(d, []))], page, perPage, total);
    }

    /// <summary>One delivery with its latest attempts; null when there is none.</summary>
    public async Task<DeliveryView?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var delivery = await context.OutboxDeliveries.AsNoTracking().Include(d => d.Event).SingleOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (delivery is null)
        {
            return null;
        }

        var attempts = await context.OutboxAttempts.AsNoTracking().Where(a => a.DeliveryId == id)
            .OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Take(RecentAttempts)
            .Select(a => new AttemptView(a.At, a.Succeeded, a.Result, a.By)).ToListAsync(cancellationToken);
        return ToView(delivery, attempts);
    }

    /// <summary>Queues the delivery again now (failed, or sent and wanted once more); audited. Null when there is none.</summary>
    public async Task<DeliveryView?> SendAgainAsync(long id, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        var now = lifetime.UtcNow;
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        // Not while a dispatcher holds it: that attempt's record would overwrite this request.
        var changed = await context.OutboxDeliveries
            .Where(d => d.Id == id && (d.Status != DeliveryStatus.Pending || d.LeaseUntil == null || d.LeaseUntil < now))
            .ExecuteUpdateAsync(s => s
                .SetProperty(d => d.Status, DeliveryStatus.Pending)
                .SetProperty(d => d.Attempts, 0)
                .SetProperty(d => d.NextAttemptAt, now)
                .SetProperty(d => d.LeaseOwner, (string?)null)
                .SetProperty(d => d.LeaseUntil, (DateTime?)null), cancellationToken);
        var view = await GetAsync(id, cancellationToken);
        if (view is null)
        {
            return null;
        }

        if (changed > 0)
        {
            signal.Notify();
            audit.Record(new StaffAction("notice.resent", actor, $"delivery:{id}",
                After: new { view.EventId, view.EventType, view.ClientId, view.TokenId, view.Channel, view.Target }));
        }

        return view;
    }

    private static DeliveryView ToView(OutboxDelivery d, IReadOnlyList<AttemptView> attempts)
    {
        var token = TokenOf(d.Event.Data);
        return new DeliveryView
        {
            Id = d.Id,
            EventId = d.Event.PublicId,
            EventType = d.Event.Type,
            OccurredAt = d.Event.OccurredAt,
            ClientId = d.Event.ClientId,
            TokenId = d.Event.TokenId ?? token?.Id,
            TokenName = token?.Name,
            TokenHint = token?.Hint,
            Channel = d.Channel,
            Target = d.Target,
            Status = d.Status,
            Attempts = d.Attempts,
            LastAttemptAt = d.LastAttemptAt,
            LastResult = d.LastResult,
            SentAt = d.SentAt,
            NextAttemptAt = d.NextAttemptAt,
            RecentAttempts = attempts,
        };
    }

    private static TokenSummary? TokenOf(string data)
    {
        try
        {
            return JsonDocument.Parse(data).RootElement.GetProperty("token").Deserialize<TokenSummary>(NoticeEvents.Json);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
