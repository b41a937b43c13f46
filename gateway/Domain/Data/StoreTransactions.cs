using System.Data;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Data;

/// <summary>Changes whose check and write must be one step (a count that must not be exceeded, an admin that must remain).</summary>
internal static class StoreTransactions
{
    /// <summary>
    /// Runs <paramref name="change"/> in a serializable transaction, retried when the store reports a conflict. On
    /// PostgreSQL two changes that each read what the other writes (a write skew) are detected by SERIALIZABLE: one fails
    /// with 40001 and, retried, sees the other's change. SQLite takes the write lock at BEGIN, so such changes run one
    /// after the other.
    /// </summary>
    public static async Task<T> SerializableAsync<T>(IDbContextFactory<GatewayDbContext> db, Func<GatewayDbContext, Task<T>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            await using var context = await db.CreateDbContextAsync(cancellationToken);
            try
            {
                await using var transaction = await context.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
                var result = await change(context);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (Exception ex) when (attempt < 10 && IsConflict(ex))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 * attempt)), cancellationToken);
            }
        }
    }

    // 40001 serialization_failure, 40P01 deadlock_detected (PostgreSQL).
    private static bool IsConflict(Exception ex) =>
        ex.GetBaseException() is DbException { SqlState: "40001" or "40P01" };
}
