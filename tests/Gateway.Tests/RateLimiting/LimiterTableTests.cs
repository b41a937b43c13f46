using Gateway.RateLimiting;

namespace Gateway.Tests.RateLimiting;

public sealed class LimiterTableTests
{
    [Fact]
    public void Acquire_ManyDistinctKeys_TableNeverGrowsPastCapacity()
    {
        using var table = new LimiterTable<int>(TimeSpan.FromMinutes(1), capacity: 100, TimeProvider.System);

        for (var key = 0; key < 10_000; key++)
        {
            using var lease = table.Acquire(key, limit: 3);
        }

        Assert.Equal(100, table.Count);
    }

    [Fact]
    public void Acquire_OverCapacity_NewKeysShareOneOverflowWindow()
    {
        using var table = new LimiterTable<int>(TimeSpan.FromMinutes(1), capacity: 100, TimeProvider.System);
        for (var key = 0; key < 100; key++)
        {
            using var lease = table.Acquire(key, limit: 3);
        }

        var granted = 0;
        for (var key = 1000; key < 1010; key++)
        {
            using var lease = table.Acquire(key, limit: 3);
            granted += lease.IsAcquired ? 1 : 0;
        }

        Assert.Equal(3, granted);
    }

    [Fact]
    public void Snapshot_AfterAcquires_ReportsRemainingAndResetWithinWindow()
    {
        using var table = new LimiterTable<string>(TimeSpan.FromMinutes(1), capacity: 10, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;

        using (table.Acquire("a", limit: 4))
        using (table.Acquire("a", limit: 4))
        {
        }

        var snapshot = table.Snapshot("a", limit: 4);
        Assert.Equal(4, snapshot.Limit);
        Assert.Equal(2, snapshot.Remaining);
        Assert.InRange(snapshot.Reset, now, now.AddSeconds(61));
        Assert.Equal(4, table.Snapshot("untouched", limit: 4).Remaining);
    }
}
