using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Gateway.Tests.Infrastructure;

/// <summary>Counts the store's reader commands (token lookups) and token updates, and can pause right after a lookup has read.</summary>
public sealed class StoreCommandCounter : DbCommandInterceptor
{
    private int _reads;
    private int _tokenReads;
    private int _tokenUpdates;

    public int Reads => Volatile.Read(ref _reads);

    /// <summary>Lookups of a token by its hash (what an unknown token costs the store).</summary>
    public int TokenReads => Volatile.Read(ref _tokenReads);

    /// <summary>UPDATE statements against the tokens table (last-used stamps, edits).</summary>
    public int TokenUpdates => Volatile.Read(ref _tokenUpdates);

    /// <summary>When set, a lookup of the tokens table waits here after reading, before it returns.</summary>
    public Func<Task>? AfterTokenRead { get; set; }

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        Interlocked.Increment(ref _reads);
        if (!command.CommandText.Contains("\"TokenHash\" =", StringComparison.Ordinal))
        {
            return result;
        }

        Interlocked.Increment(ref _tokenReads);
        if (AfterTokenRead is { } pause)
        {
            await pause();
        }

        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        // SQLite quotes the table name, PostgreSQL does not need to.
        if (command.CommandText.Contains("UPDATE \"tokens\"", StringComparison.Ordinal) || command.CommandText.Contains("UPDATE tokens ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _tokenUpdates);
        }

        return ValueTask.FromResult(result);
    }
}
