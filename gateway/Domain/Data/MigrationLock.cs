using Npgsql;

namespace Gateway.Data;

/// <summary>A PostgreSQL session advisory lock that serializes migrations across instances; released when disposed.</summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    // Any fixed number: the lock means "the gateway is migrating this database".
    private const long Key = 0x67_61_74_65_77_61_79;
    private readonly NpgsqlConnection _connection;

    private MigrationLock(NpgsqlConnection connection) => _connection = connection;

    public static async Task<MigrationLock> TakeAsync(string connectionString, CancellationToken cancellationToken)
    {
        // Unpooled: the lock belongs to the session, which must end with this object.
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", Key);
            take.CommandTimeout = 0;
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new MigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            release.Parameters.AddWithValue("key", Key);
            await release.ExecuteNonQueryAsync();
        }
        finally
        {
            // Closing the unpooled session releases the lock in any case.
            await _connection.DisposeAsync();
        }
    }
}
