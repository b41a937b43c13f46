using System.Security.Cryptography;
using Gateway.Data;
using Gateway.Notices.Email;
using Gateway.Notices.Webhooks;
using Microsoft.Extensions.Options;

namespace Gateway.Notices;

/// <summary>
/// Works the outbox in the background, never on a request: fans new events out to their destinations, leases due
/// deliveries, sends them, and records each attempt — sent, retried later with exponential backoff, or failed.
/// Every instance runs one; the store's leases keep them from sending the same delivery twice.
/// </summary>
public sealed partial class OutboxDispatcher(
    OutboxStore store,
    NoticeRoutes routes,
    EmailNotifier email,
    WebhookNotifier webhooks,
    OutboxSignal signal,
    NoticeMetrics metrics,
    IOptionsMonitor<NoticeOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int FanOutBatch = 200;

    /// <summary>This instance's name in leases and the delivery log.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{RandomNumberGenerator.GetHexString(4, lowercase: true)}";

    private DateTime _lastPrune = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // SQLite's "async" calls complete synchronously: yield first, so the host's start never waits on this pass.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                busy = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The store may be unavailable for a moment: nothing is lost, the outbox is still there next time.
                Log.PassFailed(logger, ex.GetType().Name, ex.Message);
            }

            if (!busy)
            {
                try
                {
                    await signal.WaitAsync(options.CurrentValue.Outbox.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One pass; true when a full batch was claimed (more may be due at once).</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Outbox;
        await store.FanOutAsync(routes.For, FanOutBatch, cancellationToken);
        var claim = $"{InstanceId}/{RandomNumberGenerator.GetHexString(16, lowercase: true)}";
        var claimed = await store.ClaimAsync(claim, settings.BatchSize, settings.LeaseDuration, cancellationToken);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (delivery, ct) => await DeliverAsync(delivery, claim, ct));
        await PruneAsync(cancellationToken);
        return claimed.Count == settings.BatchSize;
    }

    private async Task DeliverAsync(OutboxDelivery delivery, string claim, CancellationToken cancellationToken)
    {
        AttemptResult result;
        try
        {
            result = delivery.Channel switch
            {
                OutboxChannels.Email => await email.SendAsync(delivery, cancellationToken),
                OutboxChannels.Webhook => await webhooks.SendAsync(delivery, cancellationToken),
                _ => AttemptResult.Permanent($"unknown channel '{delivery.Channel}'"),
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            result = AttemptResult.Retry($"{ex.GetType().Name}: {ex.Message}");
        }

        var retryAt = RetryAt(result, delivery.Attempts + 1);
        await store.RecordAsync(delivery.Id, claim, InstanceId, result, retryAt, CancellationToken.None);
        metrics.Delivered(delivery.Channel, result.Outcome == AttemptOutcome.Sent ? "sent" : retryAt is null ? "failed" : "retry");
        if (result.Outcome == AttemptOutcome.Sent)
        {
            Log.Delivered(logger, delivery.Event.Type, delivery.Event.PublicId, delivery.Channel, delivery.Target);
        }
        else if (retryAt is { } at)
        {
            Log.WillRetry(logger, delivery.Event.Type, delivery.Event.PublicId, delivery.Channel, delivery.Target, result.Detail, at);
        }
        else
        {
            Log.GaveUp(logger, delivery.Event.Type, delivery.Event.PublicId, delivery.Channel, delivery.Target, result.Detail, delivery.Attempts + 1);
        }
    }

    /// <summary>When to try again after attempt number <paramref name="attempts"/>; null to give up.</summary>
    private DateTime? RetryAt(AttemptResult result, int attempts)
    {
        var settings = options.CurrentValue.Outbox;
        if (result.Outcome != AttemptOutcome.Retry || attempts >= settings.MaxAttempts)
        {
            return null;
        }

        var delay = settings.RetryInitialDelay * Math.Pow(2, Math.Min(attempts - 1, 30));
        if (delay > settings.RetryMaxDelay)
        {
            delay = settings.RetryMaxDelay;
        }

        // Up to 20 % less, so many deliveries failed together do not all come back at the same moment.
        var jitter = delay * (RandomNumberGenerator.GetInt32(0, 201) / 1000.0);
        return StoreClock.UtcNow(time) + delay - jitter;
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = StoreClock.UtcNow(time);
        if (now - _lastPrune < TimeSpan.FromHours(1))
        {
            return;
        }

        _lastPrune = now;
        var pruned = await store.PruneAsync(now - options.CurrentValue.Outbox.Retention, cancellationToken);
        if (pruned > 0)
        {
            Log.Pruned(logger, pruned);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Notice {EventType} {EventId} delivered by {Channel} to {Target}.")]
        public static partial void Delivered(ILogger logger, string eventType, string eventId, string channel, string target);

        [LoggerMessage(2, LogLevel.Warning, "Notice {EventType} {EventId} by {Channel} to {Target} failed ({Detail}); next attempt at {RetryAt:u}.")]
        public static partial void WillRetry(ILogger logger, string eventType, string eventId, string channel, string target, string detail, DateTime retryAt);

        [LoggerMessage(3, LogLevel.Error, "Notice {EventType} {EventId} by {Channel} to {Target} failed for good after {Attempts} attempt(s) ({Detail}); staff can send it again from the delivery log.")]
        public static partial void GaveUp(ILogger logger, string eventType, string eventId, string channel, string target, string detail, int attempts);

        [LoggerMessage(4, LogLevel.Warning, "The notice outbox could not be worked this time ({ExceptionType}: {Message}); it is tried again at the next poll.")]
        public static partial void PassFailed(ILogger logger, string exceptionType, string message);

        [LoggerMessage(5, LogLevel.Information, "Removed {Count} notice event(s) older than the retention period.")]
        public static partial void Pruned(ILogger logger, int count);
    }
}
