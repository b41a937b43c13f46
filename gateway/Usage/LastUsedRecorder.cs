using System.Net;
using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Usage;

/// <summary>
/// Token usage kept in memory on the request path and written in batches: the last-used stamp (latest wins, at most
/// one token row update per token per flush) and the history behind the per-token page (requests per UTC day and
/// per client address), added to <c>token_usage_days</c> and <c>token_client_ips</c> in the same transaction.
/// </summary>
public sealed partial class LastUsedRecorder(IDbContextFactory<GatewayDbContext> db, TimeProvider time, ILogger<LastUsedRecorder> logger)
{
    private UsageBatch _pending = new();
    private long _storeWrites;
    private long _flushes;

    /// <summary>Token rows updated so far (one per token per flush), for metrics and tests; history rows are not counted.</summary>
    public long StoreWrites => Interlocked.Read(ref _storeWrites);

    /// <summary>Flushes that wrote a batch, so writes per token per flush can be checked.</summary>
    public long Flushes => Interlocked.Read(ref _flushes);

    /// <summary>Tokens with usage not yet written.</summary>
    public int Pending => Volatile.Read(ref _pending).Count;

    /// <summary>Notes a use; never touches the store.</summary>
    public void Record(long tokenId, IPAddress? client)
    {
        var at = time.GetUtcNow().UtcDateTime;
        while (!Volatile.Read(ref _pending).TryRecord(tokenId, at, client))
        {
            // A flush closed that batch just now; the next one is already in place.
        }
    }

    /// <summary>Writes what has gathered since the last flush. A stamp never moves a token's last use backwards.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _pending).IsEmpty)
        {
            return;
        }

        var batch = Interlocked.Exchange(ref _pending, new UsageBatch()).Close();
        try
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);

            // A token deleted since its requests were counted is skipped: its history rows would break the
            // foreign key and fail every later flush with it.
            var tokenIds = batch.Keys.ToList();
            var live = (await context.Tokens
                    .Where(t => EF.Parameter(tokenIds).Contains(t.Id))
                    .Select(t => t.Id)
                    .ToListAsync(cancellationToken))
                .ToDictionary(id => id, id => batch[id]);
            foreach (var (tokenId, tally) in live)
            {
                var at = tally.LastUsedAt;
                var ip = tally.LastUsedIp?.ToString();
                await context.Tokens
                    .Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt < at))
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, at).SetProperty(t => t.LastUsedIp, ip), cancellationToken);
            }

            await TokenUsageWriter.StageAsync(context, live, cancellationToken);
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Interlocked.Add(ref _storeWrites, live.Count);
            Interlocked.Increment(ref _flushes);
        }
        catch (OperationCanceledException)
        {
            // Stopping mid-write: keep the usage for the flush that runs once the host has stopped.
            Restore(batch);
            throw;
        }
        catch (Exception ex)
        {
            // Try again next time. This includes losing a race with another instance over the same history row.
            Restore(batch);
            Log.FlushFailed(logger, batch.Count, ex.GetType().Name, ex.Message);
        }
    }

    /// <summary>Gives a batch that was not written back, merged with what was recorded meanwhile (the latest stamp wins).</summary>
    private void Restore(IReadOnlyDictionary<long, TokenUsageTally> batch)
    {
        foreach (var (tokenId, tally) in batch)
        {
            while (!Volatile.Read(ref _pending).TryMerge(tokenId, tally))
            {
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not write the usage of {Count} tokens ({ExceptionType}: {Detail}); will retry.")]
        public static partial void FlushFailed(ILogger logger, int count, string exceptionType, string detail);
    }
}
