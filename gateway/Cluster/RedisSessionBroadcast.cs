using System.Text.Json;
using Gateway.Sessions;
using StackExchange.Redis;

namespace Gateway.Cluster;

/// <summary>
/// Publishes ended sessions on the Redis channel every instance listens to (<see cref="SessionEndSubscriber"/>), so a
/// sign-out or a reset made on one instance (or the CLI) ends the session on all of them at once. A message names only
/// SHA-256 hashes of session keys and subjects, and can only make an instance re-read the store; if Redis is down the
/// end still holds everywhere within <see cref="SessionCache.RevalidateAfter"/>.
/// </summary>
public sealed partial class RedisSessionBroadcast(RedisConnection redis, InstanceId instance, ILogger<RedisSessionBroadcast> logger)
    : ISessionBroadcast
{
    public async Task PublishAsync(SessionEnd ended, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ended);
        var message = new SessionEndMessage(instance.Value, [.. ended.KeyHashes.Select(Convert.ToBase64String)], ended.Subject?.Kind, ended.Subject?.Id);
        try
        {
            var connection = await redis.GetAsync();
            await connection.GetSubscriber()
                .PublishAsync(RedisChannel.Literal(redis.Options.SessionsChannel), JsonSerializer.Serialize(message, SessionEndMessage.Json))
                .WaitAsync(redis.Options.OperationTimeout, cancellationToken);
        }
#pragma warning disable CA1031 // The end is already in the store; a lost message only costs the cache bound.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            Log.NotPublished(logger, ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "An ended session could not be published to Redis ({ExceptionType}); other instances notice it within a second, when their session cache re-validates.")]
        public static partial void NotPublished(ILogger logger, string exceptionType);
    }
}
