using Microsoft.Extensions.Options;

namespace Gateway.Notices;

/// <summary>
/// Runs the expiry scan every <see cref="OutboxOptions.ScanInterval"/> (once-only per token, day and kind, so every
/// instance may run it) and refreshes the token gauges with the same pass.
/// </summary>
public sealed partial class ExpiryNoticeScheduler(
    TokenHygiene hygiene,
    NoticeMetrics metrics,
    IOptionsMonitor<NoticeOptions> options,
    ILogger<ExpiryNoticeScheduler> logger) : BackgroundService
{
    // One pass at a time, so the gauges always show the latest pass's counts, never an older one finishing late.
    private readonly SemaphoreSlim _pass = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQLite's "async" calls complete synchronously: yield first, so the host's start never waits on this pass.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.ScanFailed(logger, ex.GetType().Name, ex.Message);
            }

            try
            {
                await Task.Delay(options.CurrentValue.Outbox.ScanInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One scan and count.</summary>
    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await _pass.WaitAsync(cancellationToken);
        try
        {
            var written = await hygiene.ScanAsync(cancellationToken);
            if (written > 0)
            {
                Log.Scanned(logger, written);
            }

            var (expiring, leaked) = await hygiene.CountAsync(cancellationToken);
            metrics.SetTokenCounts(expiring, leaked);
        }
        finally
        {
            _pass.Release();
        }
    }

    public override void Dispose()
    {
        _pass.Dispose();
        base.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Expiry scan: {Count} notice event(s) written.")]
        public static partial void Scanned(ILogger logger, int count);

        [LoggerMessage(2, LogLevel.Warning, "The expiry scan failed ({ExceptionType}: {Message}); it runs again at the next interval.")]
        public static partial void ScanFailed(ILogger logger, string exceptionType, string message);
    }
}
