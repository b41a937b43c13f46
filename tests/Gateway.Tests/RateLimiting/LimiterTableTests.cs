using Gateway.RateLimiting;
using System.Threading.RateLimiting;

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

        Assert.InRange(table.Count, 1, 100);
    }

    [Fact]
    public void Acquire_FullOfExhaustedWindows_NewKeysAreNeitherCountedTogetherNorRefused()
    {
        using var table = new LimiterTable<int>(TimeSpan.FromMinutes(1), capacity: 100, TimeProvider.System);
        for (var key = 0; key < 100; key++)
        {
            for (var i = 0; i < 3; i++)
            {
                using var lease = table.Acquire(key, limit: 3);
            }
        }

        var granted = 0;
        for (var key = 1000; key < 1010; key++)
        {
            using var lease = table.Acquire(key, limit: 3);
            granted += lease.IsAcquired ? 1 : 0;
        }

        Assert.Equal(10, granted);
        Assert.Equal(10, table.Untracked);
        Assert.True(table.IsExhausted(0));
        Assert.False(table.IsExhausted(1000));
    }

    [Fact]
    public void Acquire_FullOfWindowsWithPermitsLeft_MakesRoomAndCountsTheNewKey()
    {
        using var table = new LimiterTable<int>(TimeSpan.FromMinutes(1), capacity: 100, TimeProvider.System);
        for (var key = 0; key < 100; key++)
        {
            using var lease = table.Acquire(key, limit: 3);
        }

        for (var i = 0; i < 3; i++)
        {
            using var lease = table.Acquire(5000, limit: 3);
        }

        using var refused = table.Acquire(5000, limit: 3);
        Assert.False(refused.IsAcquired);
        Assert.True(table.IsExhausted(5000));
        Assert.Equal(0, table.Untracked);
    }

    [Fact]
    public void Acquire_Lease_CarriesTheWindowAsCountedAndRetryAfterWhenRefused()
    {
        using var table = new LimiterTable<string>(TimeSpan.FromMinutes(1), capacity: 10, TimeProvider.System);
        var now = DateTimeOffset.UtcNow;

        using var first = table.Acquire("a", limit: 2);
        using var second = table.Acquire("a", limit: 2);
        using var third = table.Acquire("a", limit: 2);

        Assert.True(first.TryGetMetadata(WindowLease.WindowName, out var afterFirst));
        Assert.Equal(new LimitSnapshot(2, 1, afterFirst.Reset), afterFirst);
        Assert.Equal(0, second.Window.Remaining);
        Assert.False(third.IsAcquired);
        Assert.True(third.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter));
        Assert.InRange(retryAfter, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.InRange(third.Window.Reset, now, now.AddSeconds(61));
        Assert.DoesNotContain(MetadataName.RetryAfter.Name, first.MetadataNames);
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
