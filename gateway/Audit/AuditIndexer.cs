namespace Gateway.Audit;

/// <summary>
/// Keeps the audit index close behind the files in the background, so that the audit view rarely has much to catch
/// up on when someone opens it (it catches up itself before answering, too).
/// </summary>
internal sealed class AuditIndexer(AuditIndex index) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                await index.CatchUpAsync(cancellationToken: stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
