namespace Gateway.Sessions;

/// <summary>Deletes session rows a month after they ended or ran out, once an hour; until then the staff page can show them.</summary>
internal sealed partial class SessionPurger(SessionStore sessions, ILogger<SessionPurger> logger) : BackgroundService
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(30);
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        do
        {
            try
            {
                await sessions.PurgeAsync(Keep, stoppingToken);
            }
#pragma warning disable CA1031 // A store that is down now is retried next hour; nothing depends on the purge.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                Log.PurgeFailed(logger, ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Old sessions could not be purged ({ExceptionType}); retrying in an hour.")]
        public static partial void PurgeFailed(ILogger logger, string exceptionType);
    }
}
