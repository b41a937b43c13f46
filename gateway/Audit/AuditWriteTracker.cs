using Serilog.Core;
using Serilog.Events;

namespace Gateway.Audit;

/// <summary>
/// Sits between the audit buffer and the file sink and notices when writing fails (a full disk, an I/O
/// error) and when it works again. Serilog would otherwise swallow the error and the event with it, silently.
/// Writes come one at a time from the buffer's single worker.
/// </summary>
internal sealed class AuditWriteTracker(ILogEventSink inner, Action<Exception> failed, Action recovered) : ILogEventSink
{
    private long _lost;
    private volatile bool _failing;

    /// <summary>Events whose write failed since start: they may be missing from the files.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>True from a failed write until the next one that succeeds.</summary>
    public bool Failing => _failing;

    public void Emit(LogEvent logEvent)
    {
        try
        {
            inner.Emit(logEvent);
        }
#pragma warning disable CA1031 // Any write error means the same: this event may be lost; the worker must live on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _lost);
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
