using System.Text.Json;
using Gateway.Sessions;
using StackExchange.Redis;

namespace Gateway.Cluster;

/// <summary>
/// Listens for sessions ended on other instances and drops them from this instance's session cache, so the next
/// request with that cookie reads the store and is refused. After a lost connection the whole cache is dropped.
/// </summary>
public sealed partial class SessionEndSubscriber(RedisConnection redis, SessionCache cache, InstanceId instance, ILogger<SessionEndSubscriber> logger)
    : IHostedService
{
    private const int MaxMessageLength = 1 << 16;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (redis.Options.IsConfigured)
        {
            _ = Task.Run(SubscribeAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SubscribeAsync()
    {
        var connection = await redis.GetAsync();
        connection.ConnectionRestored += (_, e) =>
        {
            if (e.ConnectionType == ConnectionType.Subscription)
            {
                cache.InvalidateAll();
            }
        };
        try
        {
            await connection.GetSubscriber().SubscribeAsync(RedisChannel.Literal(redis.Options.SessionsChannel), (_, value) => Apply(value));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Log.NotSubscribed(logger, ex.GetType().Name);
        }
    }

    private void Apply(RedisValue value)
    {
        SessionEndMessage? message;
        try
        {
            var text = (string?)value;
            message = text is { Length: > 0 and <= MaxMessageLength } ? JsonSerializer.Deserialize<SessionEndMessage>(text, SessionEndMessage.Json) : null;
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message is null || message.Origin == instance.Value)
        {
            return;
        }

        if (message.SubjectKind is not null)
        {
            cache.InvalidateAll();
            return;
        }

        foreach (var hash in message.KeyHashes ?? [])
        {
            cache.Invalidate(hash);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Could not subscribe to ended sessions on Redis yet ({ExceptionType}); the subscription is made when it connects.")]
        public static partial void NotSubscribed(ILogger logger, string exceptionType);
    }
}
