using System.Data.Common;
using Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gateway.Audit;

/// <summary>
/// Reads and moves the audit chains' seals (<see cref="AuditSeal"/>, table <c>audit_seals</c>): in the PostgreSQL
/// store, shared by every instance; on SQLite in <c>&lt;data&gt;/audit-seals.db</c> beside the store, so that a seal a
/// second never competes with token writes (and the store's health probe) for the store file's one write lock.
/// Either way away from the audit folder. Plain ADO.NET rather than EF Core's context: the last seal is written while
/// the process shuts down, when the application's services (which EF Core's contexts log through) are being disposed.
/// </summary>
public sealed class AuditSealStore(IOptions<StorageOptions> storage)
{
    /// <summary>The seals file of a SQLite store.</summary>
    public const string SqliteFileName = "audit-seals.db";

    private const string Columns = "\"Folder\", \"Chain\", \"File\", \"Offset\", \"Mac\", \"SealedAt\"";
    private bool _created;

    /// <summary>The seal of one chain in <paramref name="folder"/>, or null when it was never sealed.</summary>
    public async Task<AuditSeal?> FindAsync(string folder, string chain, CancellationToken cancellationToken = default) =>
        (await QueryAsync($"SELECT {Columns} FROM audit_seals WHERE \"Folder\" = @folder AND \"Chain\" = @chain", [("@folder", folder), ("@chain", chain)], Seal, cancellationToken))
            .SingleOrDefault();

    /// <summary>Every chain sealed in <paramref name="folder"/>.</summary>
    public Task<IReadOnlyList<AuditSeal>> ListAsync(string folder, CancellationToken cancellationToken = default) =>
        QueryAsync($"SELECT {Columns} FROM audit_seals WHERE \"Folder\" = @folder", [("@folder", folder)], Seal, cancellationToken);

    /// <summary>Every audit folder with sealed chains in this store (normally one, shared by all its processes).</summary>
    public Task<IReadOnlyList<string>> FoldersAsync(CancellationToken cancellationToken = default) =>
        QueryAsync("SELECT DISTINCT \"Folder\" FROM audit_seals ORDER BY \"Folder\"", [], rows => rows.GetString(0), cancellationToken);

    /// <summary>Moves a chain's seal to <paramref name="seal"/>.</summary>
    public async Task SaveAsync(AuditSeal seal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seal);
        await using var connection = (await OpenAsync(write: true, cancellationToken))!;
        await using var command = connection.CreateCommand();
        // One upsert, no read: only the process holding the chain's lock seals it, so nothing races this row.
        command.CommandText = $"""
            INSERT INTO audit_seals ({Columns}) VALUES (@folder, @chain, @file, @offset, @mac, @sealedAt)
            ON CONFLICT ("Folder", "Chain") DO UPDATE SET "File" = excluded."File", "Offset" = excluded."Offset", "Mac" = excluded."Mac", "SealedAt" = excluded."SealedAt"
            """;
        Add(command, "@folder", seal.Folder);
        Add(command, "@chain", seal.Chain);
        Add(command, "@file", seal.File);
        Add(command, "@offset", seal.Offset);
        Add(command, "@mac", seal.Mac);
        Add(command, "@sealedAt", StoreClock.Truncate(seal.SealedAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, (string Name, object Value)[] parameters, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(write: false, cancellationToken);
        if (connection is null)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }

        var results = new List<T>();
        try
        {
            await using var rows = await command.ExecuteReaderAsync(cancellationToken);
            while (await rows.ReadAsync(cancellationToken))
            {
                results.Add(map(rows));
            }
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == 1 && ex.Message.Contains("no such table", StringComparison.Ordinal))
        {
            // A SQLite seals file its first writer has just created, before its table: nothing is sealed yet.
        }

        return results;
    }

    private static AuditSeal Seal(DbDataReader rows) => new()
    {
        Folder = rows.GetString(0),
        Chain = rows.GetString(1),
        File = rows.GetString(2),
        Offset = rows.GetInt64(3),
        Mac = rows.GetString(4),
        SealedAt = DateTime.SpecifyKind(rows.GetDateTime(5), DateTimeKind.Utc),
    };

    // Null when reading the seals of a SQLite store that has none yet (its seals file does not exist).
    private async Task<DbConnection?> OpenAsync(bool write, CancellationToken cancellationToken)
    {
        var settings = storage.Value;
        DbConnection connection;
        if (settings.Provider == StoreProvider.Postgres)
        {
            connection = new NpgsqlConnection(settings.ConnectionString);
        }
        else
        {
            var file = Path.Combine(settings.FullDataPath, SqliteFileName);
            var exists = File.Exists(file);
            if (!write && !exists)
            {
                return null;
            }

            if (!exists)
            {
                // Deleted while the gateway runs (the data folder wiped or restored): pooled connections would go on
                // writing into the deleted file; drop them, and create the table again in the new one.
                using var staleWriter = new SqliteConnection(ConnectionString(file, write: true));
                using var staleReader = new SqliteConnection(ConnectionString(file, write: false));
                SqliteConnection.ClearPool(staleWriter);
                SqliteConnection.ClearPool(staleReader);
                _created = false;
            }

            if (write && !OperatingSystem.IsWindows())
            {
                // The data folder is private to the gateway's user (it is created so with the store; this only covers a first seal).
                Directory.CreateDirectory(settings.FullDataPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            // Pooled, so the file stays open between seals: closing its last connection would checkpoint the WAL and
            // sync the file every second, and each sync forces the filesystem's journal to commit, which stalls the
            // audit file's own appends (and the requests waiting on them) for a millisecond or more.
            connection = new SqliteConnection(ConnectionString(file, write));
        }

        try
        {
            await connection.OpenAsync(cancellationToken);
            if (write && !_created && connection is SqliteConnection)
            {
                await using var create = connection.CreateCommand();
                create.CommandText = """
                    PRAGMA journal_mode = WAL;
                    CREATE TABLE IF NOT EXISTS audit_seals (
                        "Folder" TEXT NOT NULL, "Chain" TEXT NOT NULL, "File" TEXT NOT NULL, "Offset" INTEGER NOT NULL,
                        "Mac" TEXT NOT NULL, "SealedAt" TEXT NOT NULL, PRIMARY KEY ("Folder", "Chain"));
                    """;
                await create.ExecuteNonQueryAsync(cancellationToken);
                _created = true;
            }

            if (write && connection is SqliteConnection)
            {
                // A seal needs no sync of its own: the audit file it seals is not synced either (a seal that outlived
                // the file's tail in a power loss would report a truncation that did not happen). In WAL mode (set
                // above) the file stays consistent whatever happens; NORMAL leaves the syncing to checkpoints.
                await using var durability = connection.CreateCommand();
                durability.CommandText = "PRAGMA synchronous = NORMAL;";
                await durability.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static string ConnectionString(string file, bool write) => new SqliteConnectionStringBuilder
    {
        DataSource = file,
        Mode = write ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
    }.ToString();

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
