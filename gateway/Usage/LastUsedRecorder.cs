using System.Collections.Concurrent;
using System.Net;
using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Usage;

/// <summary>
/// Last-used stamps (time and client address), kept in memory on the request path and written in batches:
/// the latest stamp per token wins, and a token costs at most one store write per flush.
/// </summary>
public sealed partial class LastUsedRecorder(IDbContextFactory<GatewayDbContext> db, TimeProvider time, ILogger<LastUsedRecorder> logger)
{
    private ConcurrentDictionary<long, Stamp> _pending = new();
    private long _storeWrites;

    /// <summary>Store writes made so far (one per token per flush), for metrics and tests.</summary>
    public long StoreWrites => Interlocked.Read(ref _storeWrites);

    public int Pending => _pending.Count;

    /// <summary>Notes a use; never touches the store.</summary>
    public void Record(long tokenId, IPAddress? client)
    {
        var stamp = new Stamp(time.GetUtcNow().UtcDateTime, client);
        _pending.AddOrUpdate(tokenId, stamp, (_, old) => stamp.At >= old.At ? stamp : old);
    }

    /// <summary>Writes what has gathered since the last flush. A stamp never moves a token's last use backwards.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.IsEmpty)
        {
            return;
        }

        var batch = Interlocked.Exchange(ref _pending, new ConcurrentDictionary<long, Stamp>());
        try
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
            foreach (var (tokenId, stamp) in batch)
            {
                var ip = stamp.Client is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4().ToString() : stamp.Client?.ToString();
                await context.Tokens
                    .Where(t => t.Id == tokenId && (t.LastUsedAt == null || t.LastUsedAt < stamp.At))
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.LastUsedAt, stamp.At).SetProperty(t => t.LastUsedIp, ip), cancellationToken);
                Interlocked.Increment(ref _storeWrites);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Put the stamps back (newer ones recorded meanwhile win) and try again next time.
            foreach (var (tokenId, stamp) in batch)
            {
                _pending.AddOrUpdate(tokenId, stamp, (_, newer) => newer.At >= stamp.At ? newer : stamp);
            }

            Log.FlushFailed(logger, batch.Count, ex.GetType().Name, ex.Message);
        }
    }

    private readonly record struct Stamp(DateTime At, IPAddress? Client);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not write {Count} last-used stamps ({ExceptionType}: {Detail}); will retry.")]
        public static partial void FlushFailed(ILogger logger, int count, string exceptionType, string detail);
    }
}
