using Microsoft.Extensions.Options;

namespace Gateway.Usage;

/// <summary>Flushes <see cref="LastUsedRecorder"/> every interval, and once more after the server has drained on shutdown.</summary>
internal sealed class LastUsedFlusher(LastUsedRecorder recorder, IOptions<UsageOptions> options, TimeProvider time)
    : BackgroundService, IHostedLifecycleService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.FlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await recorder.FlushAsync(stoppingToken);
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
