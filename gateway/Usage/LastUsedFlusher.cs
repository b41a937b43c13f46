using Microsoft.Extensions.Options;

namespace Gateway.Usage;

/// <summary>
/// Flushes <see cref="LastUsedRecorder"/> every interval, and once more after the server has drained on
/// shutdown; prunes usage history past its retention once an hour.
/// </summary>
internal sealed class LastUsedFlusher(LastUsedRecorder recorder, TokenUsageService history, IOptions<UsageOptions> options, TimeProvider time)
    : BackgroundService, IHostedLifecycleService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

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
                    await history.PruneAsync(stoppingToken);
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
}
