using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Gateway.RateLimiting;

/// <summary>
/// A bounded table of the platform's <see cref="FixedWindowRateLimiter"/>s, one per key. Windows restart every
/// <c>window</c> from their creation, which is what <see cref="Snapshot"/> reports as the reset time.
/// Idle windows are swept; past <c>capacity</c> new keys share one overflow window, so a flood of distinct
/// keys cannot grow memory.
/// </summary>
public sealed class LimiterTable<TKey> : IDisposable
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Window> _windows = new();
    private readonly TimeSpan _window;
    private readonly int _capacity;
    private readonly TimeProvider _time;
    private readonly ITimer _sweeper;
    private readonly Lock _overflowGate = new();
    private Window? _overflow;

    public LimiterTable(TimeSpan window, int capacity, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _window = window;
        _capacity = capacity;
        _time = time;
        _sweeper = time.CreateTimer(_ => Sweep(), null, window, window);
    }

    public int Count => _windows.Count;

    /// <summary>Takes one permit from the key's window (created with <paramref name="limit"/> permits if new).</summary>
    public RateLimitLease Acquire(TKey key, int limit) => Get(key, limit).Limiter.AttemptAcquire();

    /// <summary>Limit, permits left and reset time of the key's window, without taking a permit.</summary>
    public LimitSnapshot Snapshot(TKey key, int limit)
    {
        var window = _windows.TryGetValue(key, out var found) ? found : _overflow is { } overflow && _windows.Count >= _capacity ? overflow : null;
        if (window is null)
        {
            return new LimitSnapshot(limit, limit, _time.GetUtcNow() + _window);
        }

        var remaining = (int)(window.Limiter.GetStatistics()?.CurrentAvailablePermits ?? 0);
        return new LimitSnapshot(window.Limit, remaining, window.NextReset(_time.GetUtcNow(), _window));
    }

    public void Dispose()
    {
        _sweeper.Dispose();
        foreach (var window in _windows.Values)
        {
            window.Limiter.Dispose();
        }

        _overflow?.Limiter.Dispose();
    }

    private Window Get(TKey key, int limit)
    {
        if (_windows.TryGetValue(key, out var existing))
        {
            return existing;
        }

        if (_windows.Count >= _capacity)
        {
            lock (_overflowGate)
            {
                return _overflow ??= Create(limit);
            }
        }

        var created = Create(limit);
        var winner = _windows.GetOrAdd(key, created);
        if (!ReferenceEquals(winner, created))
        {
            created.Limiter.Dispose();
        }

        return winner;
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
            if (window.Limiter.IdleDuration is { } idle && idle >= _window && _windows.TryRemove(new(key, window)))
            {
                window.Limiter.Dispose();
            }
        }
    }

    private sealed record Window(FixedWindowRateLimiter Limiter, int Limit, DateTimeOffset Created)
    {
        public DateTimeOffset NextReset(DateTimeOffset now, TimeSpan window)
        {
            var elapsed = Math.Max(0, (now - Created).Ticks);
            return Created + TimeSpan.FromTicks(((elapsed / window.Ticks) + 1) * window.Ticks);
        }
    }
}
