using System.ComponentModel.DataAnnotations;

namespace Gateway.Notices;

/// <summary>Settings under <c>Gateway:Notices:Outbox</c>: how the outbox is worked and retried.</summary>
public sealed class OutboxOptions
{
    /// <summary>How often each instance looks for work written by other processes (its own changes wake it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "00:05:00", ErrorMessage = "Gateway:Notices:Outbox:PollInterval must be between 200 ms and 5 minutes.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed delivery is held by one instance; a crashed instance's deliveries are taken over after it.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00", ErrorMessage = "Gateway:Notices:Outbox:LeaseDuration must be between 30 seconds and 1 hour.")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Wait before the first retry; doubled after each failure up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Gateway:Notices:Outbox:RetryInitialDelay must be between 1 second and 1 hour.")]
    public TimeSpan RetryInitialDelay { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ErrorMessage = "Gateway:Notices:Outbox:RetryMaxDelay must be between 1 second and 1 day.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Attempts before a delivery is marked failed (30 with the default delays: about a day).</summary>
    [Range(1, 1000, ErrorMessage = "Gateway:Notices:Outbox:MaxAttempts must be between 1 and 1000.")]
    public int MaxAttempts { get; set; } = 30;

    /// <summary>How often expiry notices are looked for and the token gauges counted.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00", ErrorMessage = "Gateway:Notices:Outbox:ScanInterval must be between 10 seconds and 1 day.")]
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long events and their delivery log are kept. At least 30 days: the expiry scan's once-only keys must
    /// outlive the window in which a token could be found again.
    /// </summary>
    [Range(typeof(TimeSpan), "30.00:00:00", "3650.00:00:00", ErrorMessage = "Gateway:Notices:Outbox:Retention must be between 30 and 3650 days.")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Deliveries one instance claims at a time.</summary>
    [Range(1, 500, ErrorMessage = "Gateway:Notices:Outbox:BatchSize must be between 1 and 500.")]
    public int BatchSize { get; set; } = 20;
}
