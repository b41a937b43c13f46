namespace Gateway.Audit;

/// <summary>
/// Group commit of audit lines: a request's line is written to the file (one <c>write()</c> per batch, no file
/// buffer) before the request is done, and lines that arrive while a batch is being written go together in the next
/// one. There is no writer thread: the first caller that finds nobody writing writes everything pending, on its own
/// thread, and the lines of the others are done when their batch is; under load a batch holds every request that
/// finished meanwhile, so the file sees a few hundred writes a second, each seen to succeed or fail before the requests
/// in it are done (a full disk fails closed at once, <see cref="AuditWriteTracker"/>). A caller writes at most the batch
/// holding its own line; whatever gathered meanwhile is written on the thread pool, so no request waits for others'.
/// </summary>
internal sealed class AuditGroupCommit : IDisposable
{
    private readonly Action<IReadOnlyList<AuditLine>> _write;
    private readonly int _batchLimit;
    private readonly Lock _gate = new();
    private readonly Action<object?> _drain;
    private List<AuditLine> _pending = [];
    private List<AuditLine> _spare = [];
    private bool _writing;
    private bool _closed;
    private long _accepted;
    private long _processed;
    private long _refused;

    /// <param name="write">Writes a batch in order, from one thread at a time; never throws (failures are its to count).</param>
    /// <param name="batchLimit">Most lines in one write.</param>
    public AuditGroupCommit(Action<IReadOnlyList<AuditLine>> write, int batchLimit)
    {
        ArgumentNullException.ThrowIfNull(write);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchLimit, 1);
        _write = write;
        _batchLimit = batchLimit;
        _drain = _ => Drain();
    }

    /// <summary>Lines waiting to be written.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Lines accepted so far: read after committing one, a count its writing is done by (see <see cref="Processed"/>).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Lines handed to the file so far, in the order they were accepted (written, or failed).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Lines refused because they arrived after shutdown began.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>
    /// Queues an <see cref="AuditLine.Awaited"/> line and completes once it is written. The caller that finds nobody
    /// writing writes the batch itself, so at low load a line costs no thread hop.
    /// </summary>
    public ValueTask Commit(AuditLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.Awaited)
        {
            throw new ArgumentException("Commit is for awaited lines; Post the others.", nameof(line));
        }

        var written = line.Written;
        Post(line);
        return written;
    }

    /// <summary>Queues a line nobody waits for (written in turn, and by this caller when nobody is writing).</summary>
    public void Post(AuditLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        bool lead;
        lock (_gate)
        {
            if (_closed)
            {
                _refused++;
                line.Complete();
                return;
            }

            _pending.Add(line);
            _accepted++;
            lead = !_writing;
            _writing = true;
        }

        if (lead)
        {
            WriteBatch(handOff: true);
        }
    }

    /// <summary>Writes out everything queued and refuses what comes after.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
        }

        // Whoever writes now finishes the queue; wait for them, then make sure nothing is left.
        SpinWait spin = default;
        while (true)
        {
            lock (_gate)
            {
                if (!_writing)
                {
                    _writing = true;
                    break;
                }
            }

            spin.SpinOnce();
        }

        Drain();
    }

    private void Drain()
    {
        while (WriteBatch(handOff: false))
        {
        }
    }

    /// <summary>
    /// Writes one batch. When more gathered meanwhile: with <paramref name="handOff"/> the rest is written on the pool,
    /// else true (the caller goes on writing). Whoever returns false has released the writing.
    /// </summary>
    private bool WriteBatch(bool handOff)
    {
        List<AuditLine> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                _writing = false;
                return false;
            }

            batch = _pending;
            _pending = _spare;
        }

        if (batch.Count > _batchLimit)
        {
            // Rare: more lines than a batch may hold; the rest go first in the next batch.
            lock (_gate)
            {
                _pending.InsertRange(0, batch.GetRange(_batchLimit, batch.Count - _batchLimit));
            }

            batch.RemoveRange(_batchLimit, batch.Count - _batchLimit);
        }

        _write(batch);
        Interlocked.Add(ref _processed, batch.Count);
        foreach (var line in batch)
        {
            line.Complete();
        }

        batch.Clear();
        lock (_gate)
        {
            _spare = batch;
            if (_pending.Count == 0)
            {
                _writing = false;
                return false;
            }
        }

        if (handOff)
        {
            // Lines of other requests gathered meanwhile: written on the pool, and this caller's own request goes on.
            ThreadPool.UnsafeQueueUserWorkItem(_drain, null, preferLocal: false);
            return false;
        }

        return true;
    }
}
