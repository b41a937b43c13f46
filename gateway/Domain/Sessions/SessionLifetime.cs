namespace Gateway.Sessions;

/// <summary>How long a kind of session lasts: ended after <see cref="Idle"/> without a request, and after <see cref="Absolute"/> in any case.</summary>
public sealed record SessionLifetime
{
    public SessionLifetime(TimeSpan idle, TimeSpan absolute)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(idle, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(absolute, idle);
        Idle = idle;
        Absolute = absolute;
    }

    public TimeSpan Idle { get; }

    public TimeSpan Absolute { get; }

    /// <summary>
    /// How often a busy session's last-seen time is written: a tenth of the idle timeout, at most a minute. A session
    /// can end up to this much before its idle timeout after its last request, never later.
    /// </summary>
    public TimeSpan TouchInterval => TouchIntervalFor(Idle);

    /// <inheritdoc cref="TouchInterval"/>
    public static TimeSpan TouchIntervalFor(TimeSpan idle) => idle / 10 < TimeSpan.FromMinutes(1) ? idle / 10 : TimeSpan.FromMinutes(1);
}
