using System.Collections.Concurrent;
using System.Net;

namespace Gateway.Usage;

/// <summary>
/// The usage gathered between two flushes. Requests record into it without touching the store; the flusher closes
/// it and waits for the records already in flight, so no request lands in a batch that is being written.
/// </summary>
internal sealed class UsageBatch
{
    private readonly ConcurrentDictionary<long, TokenUsageTally> _tokens = new();
    private int _inFlight;
    private int _closed;

    public bool IsEmpty => _tokens.IsEmpty;

    public int Count => _tokens.Count;

    /// <summary>Counts one request; false when the batch has been closed and the next one must take it.</summary>
    public bool TryRecord(long tokenId, DateTime at, IPAddress? client)
    {
        if (!TryEnter())
        {
            return false;
        }

        try
        {
            var tally = _tokens.GetOrAdd(tokenId, static _ => new TokenUsageTally());
            lock (tally)
            {
                tally.Add(at, client);
            }

            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Folds in a tally that a failed flush gives back; false when the batch has been closed.</summary>
    public bool TryMerge(long tokenId, TokenUsageTally older)
    {
        if (!TryEnter())
        {
            return false;
        }

        try
        {
            var tally = _tokens.GetOrAdd(tokenId, static _ => new TokenUsageTally());
            lock (tally)
            {
                tally.Merge(older);
            }

            return true;
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    /// <summary>Refuses further records and returns the tallies once the records in flight are done.</summary>
    public IReadOnlyDictionary<long, TokenUsageTally> Close()
    {
        // Full fences on both sides (here and in TryEnter): either a recorder sees the batch closed, or this sees it in flight.
        Interlocked.Exchange(ref _closed, 1);
        var spin = new SpinWait();
        while (Volatile.Read(ref _inFlight) != 0)
        {
            spin.SpinOnce();
        }

        return _tokens;
    }

    private bool TryEnter()
    {
        Interlocked.Increment(ref _inFlight);
        if (Volatile.Read(ref _closed) == 0)
        {
            return true;
        }

        Interlocked.Decrement(ref _inFlight);
        return false;
    }
}
