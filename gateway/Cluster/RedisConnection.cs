using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Cluster;

/// <summary>
/// One shared connection to Redis, opened on first use and kept open by StackExchange.Redis (which reconnects and
/// re-subscribes by itself). It never blocks a start: with Redis down the gateway starts and the callers fall back.
/// Commands fail at once while disconnected (no backlog), so a dead Redis never holds a request.
/// </summary>
public sealed partial class RedisConnection(IOptions<RedisOptions> options, ILogger<RedisConnection> logger) : IAsyncDisposable
{
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection = new(() => ConnectAsync(options.Value, logger));

    public RedisOptions Options { get; } = options.Value;

    /// <summary>The connection, opening it on first use (waits at most the connect timeout).</summary>
    public Task<ConnectionMultiplexer> GetAsync() => _connection.Value;

    /// <summary>The connection if it has been opened, without waiting: the request path never waits for a connect.</summary>
    public bool TryGet([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ConnectionMultiplexer? connection)
    {
        var opening = _connection.Value;
        connection = opening.IsCompletedSuccessfully ? opening.Result : null;
        return connection is not null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await _connection.Value.Result.DisposeAsync();
        }
    }

    private static async Task<ConnectionMultiplexer> ConnectAsync(RedisOptions options, ILogger logger)
    {
        var configuration = ConfigurationOptions.Parse(options.Configuration!);
        configuration.AbortOnConnectFail = false;
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ClientName ??= "token-gateway";
        var timeout = (int)options.OperationTimeout.TotalMilliseconds;
        configuration.AsyncTimeout = timeout;
        configuration.SyncTimeout = timeout;
        configuration.ConnectTimeout = Math.Min(configuration.ConnectTimeout, 2000);
        var connection = await ConnectionMultiplexer.ConnectAsync(configuration);
        // Endpoints only: the configuration string may hold a password.
        var endpoints = string.Join(", ", configuration.EndPoints.Select(e => e.ToString()));
        var warn = new OncePer(TimeSpan.FromMinutes(1), TimeProvider.System);
        connection.ConnectionFailed += (_, e) =>
        {
            if (warn.TryEnter())
            {
                Log.Lost(logger, endpoints, e.FailureType.ToString());
            }
        };
        connection.ConnectionRestored += (_, _) => Log.Restored(logger, endpoints);
        if (!connection.IsConnected)
        {
            Log.NotYet(logger, endpoints);
        }

        return connection;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Redis at {Endpoints} is unreachable ({Failure}); rate limits fall back as configured and token changes rely on the cache's re-validation until it is back.")]
        public static partial void Lost(ILogger logger, string endpoints, string failure);

        [LoggerMessage(2, LogLevel.Information, "Redis at {Endpoints} is reachable again.")]
        public static partial void Restored(ILogger logger, string endpoints);

        [LoggerMessage(3, LogLevel.Warning, "Redis at {Endpoints} is not reachable yet; retrying in the background.")]
        public static partial void NotYet(ILogger logger, string endpoints);
    }
}
