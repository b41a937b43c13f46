using System.Text.Json;
using Gateway.Tokens;
using StackExchange.Redis;

namespace Gateway.Cluster;

/// <summary>
/// Publishes token changes on the Redis channel every instance listens to (<see cref="TokenChangeSubscriber"/>).
/// A message names only SHA-256 hashes (as the audit log does), never a token, and can only make an instance
/// re-read the store. If Redis is down the change still holds everywhere within the cache's re-validation bound.
/// </summary>
public sealed partial class RedisTokenChangeBroadcast(RedisConnection redis, InstanceId instance, ILogger<RedisTokenChangeBroadcast> logger)
    : ITokenChangeBroadcast
{
    /// <summary>More hashes than this in one change (a revoke-all of a big client) are sent as "drop everything".</summary>
    public const int MaxHashesPerMessage = 1000;

    public async Task PublishAsync(TokenChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        var all = change.All || change.Hashes.Count > MaxHashesPerMessage;
        var message = new TokenChangeMessage(instance.Value, all, all ? [] : [.. change.Hashes.Select(Convert.ToBase64String)]);
        try
        {
            var connection = await redis.GetAsync();
            await connection.GetSubscriber()
                .PublishAsync(RedisChannel.Literal(redis.Options.ChangesChannel), JsonSerializer.Serialize(message, TokenChangeMessage.Json))
                .WaitAsync(redis.Options.OperationTimeout, cancellationToken);
        }
#pragma warning disable CA1031 // The change is already in the store; a lost message only costs the re-validation bound.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.NotPublished(logger, ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A token change could not be published to Redis ({ExceptionType}); other instances apply it when their cache re-validates (within 1 s by default).")]
        public static partial void NotPublished(ILogger logger, string exceptionType);
    }
}

/// <summary>What goes over the channel: who sent it, and which cache entries to drop.</summary>
public sealed record TokenChangeMessage(string Origin, bool All, IReadOnlyList<string> Hashes)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}

/// <summary>This process among the instances, so it can skip its own messages.</summary>
public sealed record InstanceId(string Value)
{
    public static InstanceId New() => new(Guid.NewGuid().ToString("N"));
}
