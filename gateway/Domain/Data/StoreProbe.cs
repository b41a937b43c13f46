using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Data;

/// <summary>
/// Takes the store's write lock and lets it go (<c>BEGIN IMMEDIATE; … ROLLBACK</c>) every
/// <see cref="StorageOptions.ProbeInterval"/>. That one statement fails when the file is gone, when the file or
/// its filesystem is read-only, and when another process holds the write lock for longer than a normal write
/// takes — the faults in which revocations can no longer be recorded, so what the store says may no longer be
/// what staff decided. Reads alone would still succeed in some of them (WAL readers are not blocked by a writer).
/// </summary>
internal sealed partial class StoreProbe(StoreHealth health, IOptions<StorageOptions> options, ILogger<StoreProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var connectionString = new SqliteConnectionStringBuilder(settings.ServingConnectionString)
        {
            // A normal write holds the lock for milliseconds; longer than this is a fault.
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(settings.ProbeInterval.TotalSeconds)),
        }.ToString();
        using var timer = new PeriodicTimer(settings.ProbeInterval);
        try
        {
            do
            {
                var problem = await ProbeAsync(connectionString, stoppingToken);
                if (health.Report(problem))
                {
                    if (problem is null)
                    {
                        Log.Recovered(logger);
                    }
                    else
                    {
                        Log.Unavailable(logger, problem);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static async Task<string?> ProbeAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE; SELECT 1 FROM tokens LIMIT 1; ROLLBACK;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
        catch (SqliteException ex)
        {
            return $"SQLite error {ex.SqliteErrorCode}: {ex.Message}";
        }
        catch (IOException ex)
        {
            return ex.Message;
        }
        catch (UnauthorizedAccessException ex)
        {
            return ex.Message;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "The token store is unavailable ({Problem}); tokens not verified within the cache bound are refused with 503 until it recovers.")]
        public static partial void Unavailable(ILogger logger, string problem);

        [LoggerMessage(2, LogLevel.Warning, "The token store is available again.")]
        public static partial void Recovered(ILogger logger);
    }
}
