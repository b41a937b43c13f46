using System.Text.Json;
using Gateway.Tokens;
using StackExchange.Redis;

namespace Gateway.Cluster;

/// <summary>
/// Listens for other instances' token changes and drops the affected entries from this instance's cache. After a
/// lost connection it empties the whole cache once it is back, since messages sent meanwhile were missed (the cache's
/// own re-validation bound covers the gap itself).
/// </summary>
public sealed partial class TokenChangeSubscriber(RedisConnection redis, TokenCache cache, InstanceId instance, ILogger<TokenChangeSubscriber> logger)
    : IHostedService
{
    private const int MaxMessageLength = 1 << 20;

    public long Received => Interlocked.Read(ref _received);

    private long _received;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.Options.IsConfigured)
        {
            // In the background: a Redis that is down must not hold the start (the cache bound covers the gap).
            _ = Task.Run(ConnectAndSubscribeAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task ConnectAndSubscribeAsync()
    {
        var connection = await redis.GetAsync();
        connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                // Messages sent while disconnected were missed; StackExchange.Redis has re-subscribed by itself.
                cache.InvalidateAll();
            }
        };
        await SubscribeAsync(connection);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Subscribes once. StackExchange.Redis registers the handler before it asks the server, and subscribes again
    /// by itself whenever it (re)connects, so a failure here (Redis down at start) needs no retry of ours.
    /// </summary>
    private async Task SubscribeAsync(ConnectionMultiplexer connection)
    {
        try
        {
            await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(redis.Options.ChangesChannel), (_, value) => Apply(value));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.NotSubscribed(logger, ex.GetType().Name);
        }
    }

    private void Apply(RedisValue value)
    {
        TokenChangeMessage? message;
        try
        {
            var text = (string?)value;
            message = text is { Length: > 0 and <= MaxMessageLength } ? JsonSerializer.Deserialize<TokenChangeMessage>(text, TokenChangeMessage.Json) : null;
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null || message.Origin == instance.Value)
        {
            return;
        }

        Interlocked.Increment(ref _received);
        if (message.All)
        {
            cache.InvalidateAll();
            return;
        }

        foreach (var hash in message.Hashes ?? [])
        {
            // Only ever a drop: whatever a message says, the next request reads the store.
            cache.Invalidate(hash);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not subscribe to token changes on Redis yet ({ExceptionType}); the subscription is made when it connects.")]
        public static partial void NotSubscribed(ILogger logger, string exceptionType);
    }
}
