using System.Threading.Channels;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace Gateway.Audit;

/// <summary>
/// Hands audit events to one background writer through a bounded queue. When the queue is full, callers wait:
/// an audit event is never dropped for lack of room. The writer drains the queue, then pauses for
/// <see cref="Pause"/> before it waits again, so that under load events gather into batches and the writer is
/// woken a few hundred times a second instead of once per request (a context switch per request, measured
/// in bench/). An idle writer is woken by the first event at once, so a lone event is not delayed.
/// </summary>
internal sealed class AuditBuffer : ILogEventSink, IDisposable
{
    public static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(5);
    private readonly Channel<LogEvent> _queue;
    private readonly ILogEventSink _writer;
    private readonly Task _pump;
    private int _count;
    private long _accepted;
    private long _processed;
    private long _refused;
    private int _disposed;

    /// <param name="writer">Where events go, in order, from one thread (the chain's file writer). Not disposed here.</param>
    public AuditBuffer(ILogEventSink writer, int capacity)
    {
        ArgumentNullException.ThrowIfNull(writer);
        _writer = writer;
        _queue = Channel.CreateBounded<LogEvent>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _pump = Task.Factory.StartNew(PumpAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    /// <summary>Events waiting to be written.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Events accepted so far: read after queuing an event, a count its writing is done by (see <see cref="Processed"/>).</summary>
    public long Accepted => Interlocked.Read(ref _accepted);

    /// <summary>Events handed to the writer so far, in the order they were accepted (written, or failed).</summary>
    public long Processed => Interlocked.Read(ref _processed);

    /// <summary>Events refused because they arrived after shutdown began (never for lack of room).</summary>
    public long Refused => Interlocked.Read(ref _refused);

    public void Emit(LogEvent logEvent)
    {
        Interlocked.Increment(ref _count);
        // Counted before it is queued, so that once Processed reaches the count read after queuing, this event is done.
        Interlocked.Increment(ref _accepted);
        try
        {
            if (!_queue.Writer.TryWrite(logEvent))
            {
                // Full: wait for room rather than lose an audit event.
                _queue.Writer.WriteAsync(logEvent).AsTask().GetAwaiter().GetResult();
            }
        }
        catch (ChannelClosedException)
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _refused);
        }
    }

    /// <summary>Writes out everything queued; the writer stays open (its owner closes it).</summary>
    public void Dispose()
    {
        // The logger that owns this sink disposes it too; write out and close once.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _queue.Writer.TryComplete();
        _pump.GetAwaiter().GetResult();
    }

    private async Task PumpAsync()
    {
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var logEvent))
            {
                try
                {
                    _writer.Emit(logEvent);
                }
#pragma warning disable CA1031 // One failed write must not stop the audit log; Serilog reports it to SelfLog.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    SelfLog.WriteLine("Audit event not written: {0}", ex);
                }

                Interlocked.Decrement(ref _count);
                Interlocked.Increment(ref _processed);
            }

            await Task.Delay(Pause).ConfigureAwait(false);
        }
    }
}
