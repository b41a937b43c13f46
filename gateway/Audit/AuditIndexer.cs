using System.Runtime.InteropServices;

namespace Gateway.Audit;

/// <summary>
/// Keeps the audit index close behind the files in the background, so that the audit view rarely has much to catch
/// up on when someone opens it (it catches up itself before answering, too). In small, frequent slices: the same work
/// every 5 s came as one burst of tens of thousands of inserts that requests queued behind (bench/run.sh at half load,
/// quiet machine: p99 added +39.5 ms at 5 s, +8.6 ms at 500 ms, +4.9 ms at 100 ms; bench/results/2026-11-30.md).
/// On its own thread at a lower CPU priority (nice <see cref="Niceness"/> on Linux): each slice is a few milliseconds of
/// parsing and B-tree inserts, and on a busy machine the scheduler runs requests before it instead of sharing a core
/// with it. At 8k req/s on 2 cores the index at normal priority put p90 at 2.8–6.2 ms against 1.7–2.7 ms without any
/// index; niced, medians of six rounds went from 4.3 to 3.7 ms (p90) and 10.5 to 8.7 ms (p99), on a noisy machine
/// (bench/results/2026-11-30-2.md). Under saturation the index falls behind and the view's own catch-up makes it up.
/// </summary>
internal sealed partial class AuditIndexer(AuditIndex index, ILogger<AuditIndexer> logger) : IHostedService, IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <summary>The indexing thread's nice value: a tenth of a request thread's share of a contended core, never none.</summary>
    internal const int Niceness = 10;

    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private Thread? _thread;
    private bool _stopped;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "Audit index" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        Stop();
        if (_thread is not { IsAlive: true })
        {
            // A slice still running past the wait below keeps its token; the token is only disposed once nothing uses it.
            _stopping.Dispose();
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            if (_stopped)
            {
                return;
            }

            _stopped = true;
            _stopping.Cancel();
        }

        // A slice in progress stops at its next batch; shutdown does not wait longer than this for it.
        _thread?.Join(TimeSpan.FromSeconds(5));
    }

    private void Run()
    {
        LowerPriority();
        var stopping = _stopping.Token;
        var failed = false;
        do
        {
            try
            {
                // Synchronous on this thread: the index's own failures (a locked or unwritable file) are its to log.
                index.CatchUpAsync(cancellationToken: stopping).GetAwaiter().GetResult();
                failed = false;
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever else went wrong, the next slice tries again; the request path never depends on the index.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (!failed)
                {
                    failed = true;
                    Log.SliceFailed(logger, ex.GetType().Name, ex.Message);
                }
            }
        }
        while (!stopping.WaitHandle.WaitOne(Interval));
    }

    private void LowerPriority()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        // PRIO_PROCESS with who = 0 is the calling thread on Linux (the nice value is a per-thread attribute there).
        if (NativeMethods.SetPriority(0, 0, Niceness) != 0)
        {
            Log.PriorityNotLowered(logger, Marshal.GetLastPInvokeError());
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Audit index: a background catch-up failed ({ExceptionType}: {Detail}); retrying every slice.")]
        public static partial void SliceFailed(ILogger logger, string exceptionType, string detail);

        [LoggerMessage(2, LogLevel.Debug, "Audit index: the indexing thread's priority could not be lowered (errno {Errno}); it runs at normal priority.")]
        public static partial void PriorityNotLowered(ILogger logger, int errno);
    }

    private static class NativeMethods
    {
        // DllImport, not LibraryImport: an int-only signature marshals nothing, and LibraryImport would need unsafe code.
#pragma warning disable SYSLIB1054
        [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        internal static extern int SetPriority(int which, int who, int priority);
#pragma warning restore SYSLIB1054
    }
}
