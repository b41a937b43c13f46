using System.Data.Common;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Which store the suite runs against. SQLite (a file per test) unless <c>GATEWAY_TEST_POSTGRES</c> names a
/// PostgreSQL server (<c>./test.sh</c> starts a throwaway one and runs the suite a second time with it); then
/// every fixture, process and CLI run gets a database of its own on that server, dropped when it is done.
/// </summary>
public static class TestStore
{
    public const string PostgresVariable = "GATEWAY_TEST_POSTGRES";

    /// <summary>The server's connection string (without a database), or null on SQLite.</summary>
    public static string? PostgresServer { get; } = System.Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static bool IsPostgres => PostgresServer is not null;

    /// <summary>SQLite in the data folder, whatever the suite runs on.</summary>
    public static Database Sqlite { get; } = new(null, null);

    /// <summary>A fresh store: settings for it (none on SQLite, where the data folder is enough) and its disposal.</summary>
    public static async Task<Database> CreateAsync()
    {
        if (PostgresServer is null)
        {
            return new Database(null, null);
        }

        var name = $"gw_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(PostgresServer))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name };
        return new Database(name, builder.ConnectionString);
    }

    /// <summary>One test's store. Settings use configuration keys; <see cref="Environment"/> the same as environment variables.</summary>
    public sealed class Database(string? name, string? connectionString) : IAsyncDisposable
    {
        public string? ConnectionString { get; } = connectionString;

        public IReadOnlyDictionary<string, string?> Settings => ConnectionString is null
            ? new Dictionary<string, string?>()
            : new Dictionary<string, string?>
            {
                ["Gateway:Storage:Provider"] = "Postgres",
                ["Gateway:Storage:ConnectionString"] = ConnectionString,
                // Instances on PostgreSQL share the chain key from configuration; none is generated for them.
                ["Gateway:Audit:ChainKey"] = TestAuditKeys.Current,
            };

        public IReadOnlyDictionary<string, string> Environment =>
            Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);

        /// <summary>Runs one statement on the store (identifiers double-quoted, parameters as <c>@name</c>: valid on both engines).</summary>
        public async Task<int> ExecuteAsync(string dataPath, string sql, params (string Name, object Value)[] parameters)
        {
            await using var connection = Open(dataPath);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (parameterName, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = parameterName;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            return await command.ExecuteNonQueryAsync();
        }

        /// <summary>
        /// Everything the store holds, as text to search for secrets: the SQLite files byte for byte (after the WAL is
        /// checkpointed), or every row of every table of the PostgreSQL database.
        /// </summary>
        public async Task<string> DumpAsync(string dataPath)
        {
            if (ConnectionString is null)
            {
                SqliteConnection.ClearAllPools();
                var bytes = Directory.GetFiles(dataPath, "gateway.db*").SelectMany(File.ReadAllBytes).ToArray();
                return Encoding.Latin1.GetString(bytes);
            }

            var text = new StringBuilder();
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            foreach (var table in tables)
            {
                await using var rows = new NpgsqlCommand($"SELECT t::text FROM \"{table}\" t", connection);
                await using var reader = await rows.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    text.AppendLine(reader.GetString(0));
                }
            }

            return text.ToString();
        }

        /// <summary>
        /// Takes the store away until the result is disposed: the SQLite file moved aside (an empty one appears in its
        /// place on the next open), or the PostgreSQL database closed to connections and its sessions ended.
        /// </summary>
        public async Task<IAsyncDisposable> TakeAwayAsync(string dataPath)
        {
            if (ConnectionString is null)
            {
                SqliteConnection.ClearAllPools();
                var db = Path.Combine(dataPath, "gateway.db");
                var aside = db + ".aside";
                File.Move(db, aside);
                return new Restore(() =>
                {
                    SqliteConnection.ClearAllPools();
                    File.Delete(db);
                    File.Move(aside, db);
                    return Task.CompletedTask;
                });
            }

            await ServerCommandAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS false");
            await ServerCommandAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'");
            return new Restore(() => ServerCommandAsync($"ALTER DATABASE \"{name}\" ALLOW_CONNECTIONS true"));
        }

        private DbConnection Open(string dataPath) => ConnectionString is null
            ? new SqliteConnection($"Data Source={Path.Combine(dataPath, "gateway.db")}")
            : new NpgsqlConnection(ConnectionString);

        private static async Task ServerCommandAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        private sealed class Restore(Func<Task> restore) : IAsyncDisposable
        {
            public async ValueTask DisposeAsync() => await restore();
        }

        public async ValueTask DisposeAsync()
        {
            if (name is null || PostgresServer is null)
            {
                return;
            }

            await using var connection = new NpgsqlConnection(PostgresServer);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
