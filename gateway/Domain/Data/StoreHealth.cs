using HealthChecks.NpgSql;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Gateway.Data;

/// <summary>
/// Whether the store can be relied on right now: the file is there, can be written and is not held by another
/// writer. <see cref="ProbeAsync"/> finds out by opening the file afresh, taking the store's write lock and starting a
/// write that changes nothing (<c>BEGIN IMMEDIATE; UPDATE … WHERE 0; ROLLBACK</c>) — it fails when the file is gone,
/// when the file or its filesystem is read-only, and when another process holds the write lock longer than a normal
/// write takes. The lock alone is not enough: in WAL mode it lives in shared memory, which a connection opened read-only
/// shares with the process's other connections, so only the write itself meets the read-only file. Those
/// are the faults in which revocations can no longer be recorded, so what the store says may no longer be what
/// staff decided; reads alone would still succeed in some of them (WAL readers are not blocked by a writer).
/// While the store is unavailable, the request path admits no token it has not verified within the cache's
/// re-validation bound (fail closed). <see cref="StoreProbe"/> probes in the background; /readyz probes live.
/// On PostgreSQL the probe (AspNetCore.HealthChecks.NpgSql's check) is a round trip that also asks whether the session would be read-only (a standby, or
/// <c>default_transaction_read_only</c>); locks there are per row, so another writer cannot hold the whole store.
/// </summary>
public sealed partial class StoreHealth
{
    private static readonly HealthCheckContext PostgresProbeContext = new()
    {
        Registration = new HealthCheckRegistration("store", _ => throw new InvalidOperationException(), HealthStatus.Unhealthy, null),
    };

    private readonly string? _connectionString;
    private readonly NpgSqlHealthCheck? _postgres;
    private readonly ILogger<StoreHealth> _logger;
    private readonly Lock _reporting = new();
    private volatile string? _problem;

    public StoreHealth(IOptions<StorageOptions> options, ILogger<StoreHealth> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var settings = options.Value;
        _postgres = settings.Provider == StoreProvider.Postgres ? PostgresProbe(settings.ConnectionString!) : null;
        _connectionString = settings.Provider == StoreProvider.Sqlite
            ? new SqliteConnectionStringBuilder(settings.SqliteServingConnectionString())
            {
                // A normal write holds the lock for milliseconds; longer than this is a fault.
                DefaultTimeout = Math.Max(1, (int)Math.Ceiling(settings.ProbeInterval.TotalSeconds)),
                // A fresh open every probe: a pooled connection keeps the file handle it had before the fault, and on it
                // the lock round trip (no page written) still succeeds after the file is gone or its filesystem went
                // read-only; opening anew is what the next write would meet.
                Pooling = false,
            }.ToString()
            : null;
        _logger = logger;
    }

    public bool IsAvailable => _problem is null;

    /// <summary>Why the store is unavailable (for /readyz), or null.</summary>
    public string? Problem => _problem;

    /// <summary>Probes the store now and records the outcome; returns the problem, or null when it is fine.</summary>
    public async Task<string?> ProbeAsync(CancellationToken cancellationToken)
    {
        var problem = await TryWriteLockAsync(cancellationToken);
        lock (_reporting)
        {
            var before = _problem;
            _problem = problem;
            if (before is null && problem is not null)
            {
                Log.Unavailable(_logger, problem);
            }
            else if (before is not null && problem is null)
            {
                Log.Recovered(_logger);
            }
        }

        return problem;
    }

    private async Task<string?> TryWriteLockAsync(CancellationToken cancellationToken)
    {
        if (_connectionString is null)
        {
            return await TryPostgresAsync(cancellationToken);
        }

        try
        {
            await using var connection = new SqliteConnection(_connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE; UPDATE tokens SET id = id WHERE 0; ROLLBACK;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
        catch (SqliteException ex)
        {
            return $"SQLite error {ex.SqliteErrorCode}: {ex.Message}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }

    private async Task<string?> TryPostgresAsync(CancellationToken cancellationToken)
    {
        var result = await _postgres!.CheckHealthAsync(PostgresProbeContext, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        return result.Status == HealthStatus.Healthy
            ? null
            : result.Exception is { } ex ? $"PostgreSQL: {ex.GetType().Name}" : result.Description;
    }

    /// <summary>
    /// AspNetCore.HealthChecks.NpgSql's check with the probe's own query: a round trip that also asks whether the
    /// session would be read-only.
    /// </summary>
    private static NpgSqlHealthCheck PostgresProbe(string connectionString) => new(new NpgSqlHealthCheckOptions(connectionString)
    {
        CommandText = "SELECT current_setting('transaction_read_only')",
        HealthCheckResultBuilder = readOnly => readOnly as string == "on"
            ? HealthCheckResult.Unhealthy("PostgreSQL session is read-only (a standby, or default_transaction_read_only)")
            : HealthCheckResult.Healthy(),
    });

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "The token store is unavailable ({Problem}); tokens not verified within the cache bound are refused with 503 until it recovers.")]
        public static partial void Unavailable(ILogger logger, string problem);

        [LoggerMessage(2, LogLevel.Warning, "The token store is available again.")]
        public static partial void Recovered(ILogger logger);
    }
}
