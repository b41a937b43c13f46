using Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Gateway.Cli;

/// <summary>Which store a command works on, in words, and whether it is about to be created empty (a mistyped <c>--data</c>).</summary>
internal static class CliStore
{
    /// <summary>The SQLite file, or the PostgreSQL database and server (never the password).</summary>
    public static string Describe(StorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.Provider == StoreProvider.Postgres)
        {
            var postgres = new NpgsqlConnectionStringBuilder(storage.ConnectionString);
            return $"PostgreSQL database '{postgres.Database}' on {postgres.Host}:{postgres.Port}";
        }

        return Path.GetFullPath(new SqliteConnectionStringBuilder(storage.EffectiveConnectionString).DataSource);
    }

    /// <summary>True when there is no store yet (no SQLite file, or a database without the gateway's tables).</summary>
    public static async Task<bool> IsMissingAsync(IServiceProvider services, StorageOptions storage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(storage);
        if (storage.Provider == StoreProvider.Sqlite)
        {
            return !File.Exists(Describe(storage));
        }

        await using var context = await services.GetRequiredService<IDbContextFactory<GatewayDbContext>>().CreateDbContextAsync(cancellationToken);
        return !(await context.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
    }
}
