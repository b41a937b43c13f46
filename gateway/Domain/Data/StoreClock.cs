namespace Gateway.Data;

/// <summary>
/// Timestamps as the store keeps them: UTC, to the microsecond (PostgreSQL's precision; SQLite is given the same), so
/// a value read back equals the value written, on every provider.
/// </summary>
public static class StoreClock
{
    public static DateTime UtcNow(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return Truncate(time.GetUtcNow().UtcDateTime);
    }

    public static DateTime Truncate(DateTime value) =>
        new(value.Ticks - (value.Ticks % (TimeSpan.TicksPerMillisecond / 1000)), DateTimeKind.Utc);
}
