using System.Diagnostics;
using Microsoft.Extensions.Caching.Memory;

namespace Gateway.Sessions;

/// <summary>
/// Session checks answered from memory for at most <see cref="RevalidateAfter"/>, so a busy page does not read the
/// store on every request, while a session ended by another instance stops working here within that bound (at once
/// with Redis, whose messages drop entries). Ended sessions are cached too, so a replayed cookie costs no store read.
/// </summary>
public sealed class SessionCache : IDisposable
{
    /// <summary>The longest a check is trusted from memory.</summary>
    public static readonly TimeSpan RevalidateAfter = TimeSpan.FromSeconds(1);

    private const int SizeLimit = 100_000;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = SizeLimit });
    private long _generation;

    /// <summary>Changes on every drop: a fill that read the store before a drop must not be kept.</summary>
    internal long Generation => Interlocked.Read(ref _generation);

    internal bool TryGet(string keyHash, out SessionState? state) => _cache.TryGetValue(keyHash, out state);

    /// <summary>Keeps what the store said at <paramref name="readAt"/>, unless something was dropped since <paramref name="generation"/>.</summary>
    internal void Set(string keyHash, SessionState? state, long generation, long readAt)
    {
        if (Generation != generation)
        {
            return;
        }

        var age = Stopwatch.GetElapsedTime(readAt);
        if (age < RevalidateAfter)
        {
            _cache.Set(keyHash, state, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = RevalidateAfter - age });
        }
    }

    /// <summary>Drops one session so the next check reads the store.</summary>
    public void Invalidate(string keyHash)
    {
        Interlocked.Increment(ref _generation);
        _cache.Remove(keyHash);
    }

    /// <summary>Drops everything: a subject's sessions ended (rare), or messages from other instances may have been missed.</summary>
    public void InvalidateAll()
    {
        Interlocked.Increment(ref _generation);
        _cache.Clear();
    }

    public void Dispose() => _cache.Dispose();
}
