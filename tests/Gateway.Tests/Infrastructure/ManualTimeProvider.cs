namespace Gateway.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, in a time zone of its choosing ("server time").</summary>
public sealed class ManualTimeProvider(DateTimeOffset start, TimeZoneInfo zone) : TimeProvider
{
    private DateTimeOffset _now = start.ToUniversalTime();

    public override TimeZoneInfo LocalTimeZone => zone;

    public override DateTimeOffset GetUtcNow() => _now;

    // TimeProvider expects GetUtcNow() at offset zero (GetLocalNow adds the zone's offset to its ticks).
    public void Set(DateTimeOffset now) => _now = now.ToUniversalTime();

    public void Advance(TimeSpan by) => _now += by;
}
