using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gateway.Tests.Infrastructure;

/// <summary>Counts the store's reader commands (token lookups), and can pause right after one has read.</summary>
public sealed class StoreCommandCounter : DbCommandInterceptor
{
    private int _reads;

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>When set, a lookup of the tokens table waits here after reading, before it returns.</summary>
    public Func<Task>? AfterTokenRead { get; set; }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        Interlocked.Increment(ref _reads);
        if (AfterTokenRead is { } pause && command.CommandText.Contains("\"TokenHash\" =", StringComparison.Ordinal))
        {
            await pause();
        }

        return result;
    }
}
