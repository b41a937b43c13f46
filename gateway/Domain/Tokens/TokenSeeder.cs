using System.Data.Common;
using Gateway.Data;
using Microsoft.EntityFrameworkCore;

namespace Gateway.Tokens;

/// <summary>
/// Fills the store with many real tokens (generated and SHA-256 hashed like any other) for load tests of how
/// lookups scale with the store's size. One prepared INSERT inside one transaction: a million rows take
/// seconds rather than the hours one <see cref="TokenService.CreateAsync"/> per token would. The plaintexts
/// are thrown away, so the tokens exist only as hashes nobody holds.
/// </summary>
public sealed class TokenSeeder(IDbContextFactory<GatewayDbContext> db, TokenFormat format, TokenLifetime lifetime)
{
    /// <summary>Inserts <paramref name="count"/> tokens for <paramref name="clientId"/>, named <c>seed-N</c>. Returns how many were written.</summary>
    public async Task<int> SeedAsync(int count, long clientId, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        await using var context = await db.CreateDbContextAsync(cancellationToken);
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        var start = await NextNumberAsync(connection, clientId, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText =
            "INSERT INTO tokens (ClientId, Name, TokenHash, Hint, Scopes, AllowedIps, CreatedAt, CreatedBy, UpdatedAt) " +
            "VALUES (@client, @name, @hash, @hint, @scopes, '[]', @now, @actor, @now)";
        var name = Add(insert, "@name");
        var hash = Add(insert, "@hash");
        var hint = Add(insert, "@hint");
        Add(insert, "@client").Value = clientId;
        Add(insert, "@scopes").Value = "[\"account:read\"]";
        Add(insert, "@now").Value = lifetime.UtcNow;
        Add(insert, "@actor").Value = actor;
        await insert.PrepareAsync(cancellationToken);
        for (var i = 0; i < count; i++)
        {
            var plaintext = format.Generate();
            name.Value = $"seed-{start + i}";
            hash.Value = TokenFormat.Hash(plaintext);
            hint.Value = format.Hint(plaintext);
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    // Seeding twice adds more tokens rather than colliding with the names of the first run.
    private static async Task<long> NextNumberAsync(DbConnection connection, long clientId, CancellationToken cancellationToken)
    {
        await using var countCommand = connection.CreateCommand();
        countCommand.CommandText = "SELECT COUNT(*) FROM tokens WHERE ClientId = @client AND Name LIKE 'seed-%'";
        Add(countCommand, "@client").Value = clientId;
        return Convert.ToInt64(await countCommand.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
