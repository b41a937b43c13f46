namespace Gateway.Audit;

/// <summary>
/// Sits between the group commit and the chain's file and notices when writing fails (a full disk, an I/O error) and
/// when it works again: every line of a failed batch is counted lost, and the public listener refuses requests until
/// a batch is written again. Batches come one at a time.
/// </summary>
internal sealed class AuditWriteTracker(Action<IReadOnlyList<AuditLine>> inner, Action<Exception> failed, Action recovered)
{
    private long _lost;
    private volatile bool _failing;

    /// <summary>Events whose write failed since start: they may be missing from the files.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>True from a failed write until the next one that succeeds.</summary>
    public bool Failing => _failing;

    public void Write(IReadOnlyList<AuditLine> batch)
    {
        try
        {
            inner(batch);
        }
#pragma warning disable CA1031 // Any write error means the same: these events may be lost; the log must live on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Add(ref _lost, batch.Count);
            if (!_failing)
            {
                _failing = true;
                failed(ex);
            }

            return;
        }

        if (_failing)
        {
            _failing = false;
            recovered();
        }
    }
}
