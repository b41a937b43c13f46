using Microsoft.Extensions.Options;

namespace Gateway.Usage;

/// <summary>
/// Flushes <see cref="LastUsedRecorder"/> every interval, and once more after the server has drained on
/// shutdown; prunes usage history past its retention once an hour.
/// </summary>
internal sealed partial class LastUsedFlusher(
    LastUsedRecorder recorder, TokenUsageService history, IOptions<UsageOptions> options, TimeProvider time, ILogger<LastUsedFlusher> logger)
    : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);
    private static readonly TimeSpan PruneRetry = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        var nextPrune = time.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await recorder.FlushAsync(stoppingToken);
                if (time.GetUtcNow() >= nextPrune)
                {
                    nextPrune = time.GetUtcNow() + PruneEvery;
                    try
                    {
                        await history.PruneAsync(stoppingToken);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A store that is briefly unavailable (locked, missing, read-only) must not stop the gateway:
                        // an unhandled exception here would end the host. Pruning waits for the next try.
                        nextPrune = time.GetUtcNow() + PruneRetry;
                        Log.PruneFailed(logger, ex.GetType().Name, ex.Message);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    // Runs after every StopAsync, the web server's included, so stamps of the last in-flight requests are kept.
    public Task StoppedAsync(CancellationToken cancellationToken) => recorder.FlushAsync(CancellationToken.None);

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Usage history could not be pruned ({ExceptionType}: {Message}); trying again in a minute.")]
        public static partial void PruneFailed(ILogger logger, string exceptionType, string message);
    }
}
