using System.Data.Common;
using Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Gateway.Audit;

/// <summary>
/// Reads and moves the audit chains' seals (<see cref="AuditSeal"/>, table <c>audit_seals</c>) in the store. Plain
/// ADO.NET on the store's connection rather than EF Core's context: the last seal is written while the process shuts
/// down, when the application's services (which EF Core's contexts resolve their logging from) are being disposed.
/// </summary>
public sealed class AuditSealStore(IOptions<StorageOptions> storage)
{
    private const string Columns = "\"Folder\", \"Chain\", \"File\", \"Offset\", \"Mac\", \"SealedAt\"";

    /// <summary>The seal of one chain in <paramref name="folder"/>, or null when it was never sealed.</summary>
    public async Task<AuditSeal?> FindAsync(string folder, string chain, CancellationToken cancellationToken = default) =>
        (await ReadAsync($"SELECT {Columns} FROM audit_seals WHERE \"Folder\" = @folder AND \"Chain\" = @chain", folder, chain, cancellationToken)).SingleOrDefault();

    /// <summary>Every chain sealed in <paramref name="folder"/>.</summary>
    public Task<IReadOnlyList<AuditSeal>> ListAsync(string folder, CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Columns} FROM audit_seals WHERE \"Folder\" = @folder", folder, null, cancellationToken);

    /// <summary>Every audit folder with sealed chains in this store (normally one, shared by all its processes).</summary>
    public async Task<IReadOnlyList<string>> FoldersAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT \"Folder\" FROM audit_seals ORDER BY \"Folder\"";
        var folders = new List<string>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            folders.Add(rows.GetString(0));
        }

        return folders;
    }

    /// <summary>Moves a chain's seal to <paramref name="seal"/>.</summary>
    public async Task SaveAsync(AuditSeal seal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seal);
        await using var connection = await OpenAsync(cancellationToken);
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

    private async Task<IReadOnlyList<AuditSeal>> ReadAsync(string sql, string folder, string? chain, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@folder", folder);
        if (chain is not null)
        {
            Add(command, "@chain", chain);
        }

        var seals = new List<AuditSeal>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            seals.Add(new AuditSeal
            {
                Folder = rows.GetString(0),
                Chain = rows.GetString(1),
                File = rows.GetString(2),
                Offset = rows.GetInt64(3),
                Mac = rows.GetString(4),
                SealedAt = DateTime.SpecifyKind(rows.GetDateTime(5), DateTimeKind.Utc),
            });
        }

        return seals;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var settings = storage.Value;
        DbConnection connection = settings.Provider == StoreProvider.Postgres
            ? new NpgsqlConnection(settings.ConnectionString)
            : new SqliteConnection(settings.SqliteServingConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
