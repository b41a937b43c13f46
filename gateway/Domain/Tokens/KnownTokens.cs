using System.Collections.Concurrent;
using System.Diagnostics;

namespace Gateway.Tokens;

/// <summary>
/// Which tokens the store last said were live (not revoked), for <see cref="KnownFor"/> after it said so: the
/// failed-auth guard lets those through an address over its limit (DESIGN §5), so a script in steady use keeps
/// working behind a shared address once its cache entry has aged out. Kept compactly — the first 64 bits of the
/// hash and a timestamp, at most <c>capacity</c> of them — and written only when the store is read, never on the
/// hot path.
/// </summary>
internal sealed class KnownTokens(int capacity)
{
    /// <summary>How long after the store last said a token was live it still counts as one the gateway has seen valid.</summary>
    public static readonly TimeSpan KnownFor = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<ulong, long> _seen = new();
    private long _nextPrune;
    // ConcurrentDictionary.Count takes every lock of the table; this is read on every store read.
    private int _count;

    public bool Contains(string hashBase64) =>
        Key(hashBase64) is { } key && _seen.TryGetValue(key, out var at) && Stopwatch.GetElapsedTime(at) < KnownFor;

    /// <summary>What the store said about this token at <paramref name="readAt"/> (a Stopwatch timestamp).</summary>
    public void Remember(string hashBase64, bool live, long readAt)
    {
        if (Key(hashBase64) is not { } key)
        {
            return;
        }

        if (!live)
        {
            Forget(key);
            return;
        }

        if (_seen.ContainsKey(key))
        {
            _seen[key] = readAt;
            return;
        }

        // Full: drop what is past KnownFor, at most once a minute (a table of live tokens is not rescanned per read).
        // Still full of tokens seen within the hour: this one is not remembered (its requests still work, unless its
        // address goes over the failed-auth limit while its cache entry is cold).
        if (Volatile.Read(ref _count) >= capacity && (!Prune() || Volatile.Read(ref _count) >= capacity))
        {
            return;
        }

        if (_seen.TryAdd(key, readAt))
        {
            Interlocked.Increment(ref _count);
        }
    }

    private bool Prune()
    {
        var now = Stopwatch.GetTimestamp();
        var next = Interlocked.Read(ref _nextPrune);
        if (now < next || Interlocked.CompareExchange(ref _nextPrune, now + (Stopwatch.Frequency * 60), next) != next)
        {
            return false;
        }

        foreach (var (key, at) in _seen)
        {
            if (Stopwatch.GetElapsedTime(at) >= KnownFor)
            {
                Forget(key);
            }
        }

        return true;
    }

    private void Forget(ulong key)
    {
        if (_seen.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private static ulong? Key(string hashBase64)
    {
        Span<byte> head = stackalloc byte[9];
        return hashBase64.Length >= 12 && Convert.TryFromBase64Chars(hashBase64.AsSpan(0, 12), head, out var written) && written == 9
            ? System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(head)
            : null;
    }
}
