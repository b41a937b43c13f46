using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Gateway.RateLimiting;

/// <summary>
/// A bounded table of the platform's <see cref="FixedWindowRateLimiter"/>s, one per key. Windows restart every
/// <c>window</c> from their creation, which is what the leases and snapshots report as the reset time. Idle windows are
/// swept. At <c>capacity</c>, windows that still have permits are dropped to make room; a key that still finds no room
/// is not counted (its permits are granted) — never put in a window shared with other keys, where whoever holds many
/// keys could use up the permits of keys they do not hold.
/// </summary>
public sealed class LimiterTable<TKey> : IDisposable
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Window> _windows = new();
    private readonly TimeSpan _window;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;
    private readonly Lock _roomGate = new();
    private long _nextCompaction;
    private long _untracked;
    // ConcurrentDictionary.Count takes every lock of the table; this is read on every new key.
    private int _count;

    public LimiterTable(TimeSpan window, int capacity, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _window = window;
        _capacity = capacity;
        _time = time;
        _sweeper = time.CreateTimer(_ => Sweep(), null, window, window);
    }

    public int Count => Volatile.Read(ref _count);

    /// <summary>Permits granted without counting because the table was full of exhausted windows, since start.</summary>
    public long Untracked => Interlocked.Read(ref _untracked);

    /// <summary>Takes one permit from the key's window (created with <paramref name="limit"/> permits if new).</summary>
    public WindowLease Acquire(TKey key, int limit)
    {
        var now = _time.GetUtcNow();
        if (Get(key, limit) is not { } window)
        {
            Interlocked.Increment(ref _untracked);
            return new WindowLease(true, new LimitSnapshot(limit, limit, now + _window), TimeSpan.Zero);
        }

        using var lease = window.Limiter.AttemptAcquire();
        var snapshot = window.Snapshot(now, _window);
        return new WindowLease(lease.IsAcquired, snapshot, snapshot.Reset - now);
    }

    /// <summary>Limit, permits left and reset time of the key's window, without taking a permit.</summary>
    public LimitSnapshot Snapshot(TKey key, int limit)
    {
        var now = _time.GetUtcNow();
        return _windows.TryGetValue(key, out var window) ? window.Snapshot(now, _window) : new LimitSnapshot(limit, limit, now + _window);
    }

    /// <summary>True when the key has a window and no permit is left in it.</summary>
    public bool IsExhausted(TKey key) =>
        _windows.TryGetValue(key, out var window) && window.Limiter.GetStatistics()?.CurrentAvailablePermits <= 0;

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var window in _windows.Values)
        {
            window.Limiter.Dispose();
        }
    }

    private Window? Get(TKey key, int limit)
    {
        if (_windows.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (Count >= _capacity && !MakeRoom())
        {
            return null;
        }

        var created = Create(limit);
        var winner = _windows.GetOrAdd(key, created);
        if (ReferenceEquals(winner, created))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            created.Limiter.Dispose();
        }

        return winner;
    }

    // Full: drop the windows that still have permits (a key that has not reached its limit loses little by starting
    // over), at most once a second so a flood of new keys does not rescan the table for each one.
    private bool MakeRoom()
    {
        lock (_roomGate)
        {
            if (Count < _capacity)
            {
                return true;
            }

            var now = _time.GetTimestamp();
            if (now < _nextCompaction)
            {
                return false;
            }

            _nextCompaction = now + _time.TimestampFrequency;
            foreach (var (key, window) in _windows)
            {
                if (window.Limiter.GetStatistics()?.CurrentAvailablePermits > 0)
                {
                    Remove(key, window);
                }
            }

            return Count < _capacity;
        }
    }

    private Window Create(int limit) => new(
        new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = _window,
            QueueLimit = 0,
            AutoReplenishment = true,
        }),
        limit,
        _time.GetUtcNow());

    // A window that has been full (unused) for a whole period carries no state worth keeping.
    private void Sweep()
    {
        foreach (var (key, window) in _windows)
        {
            if (window.Limiter.IdleDuration is { } idle && idle >= _window)
            {
                Remove(key, window);
            }
        }
    }

    private void Remove(TKey key, Window window)
    {
        if (_windows.TryRemove(new(key, window)))
        {
            Interlocked.Decrement(ref _count);
            window.Limiter.Dispose();
        }
    }

    private sealed record Window(FixedWindowRateLimiter Limiter, int Limit, DateTimeOffset Created)
    {
        public LimitSnapshot Snapshot(DateTimeOffset now, TimeSpan window)
        {
            var remaining = (int)(Limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);
            var elapsed = Math.Max(0, (now - Created).Ticks);
            return new LimitSnapshot(Limit, remaining, Created + TimeSpan.FromTicks(((elapsed / window.Ticks) + 1) * window.Ticks));
        }
    }
}
