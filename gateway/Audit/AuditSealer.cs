using Gateway.Data;

namespace Gateway.Audit;

/// <summary>
/// Keeps the seal of one chain (<see cref="AuditSeal"/>) with the store (<see cref="AuditSealStore"/>): every <see cref="Interval"/>, and when the
/// writer closes, it records the newest event written — but first checks that the files still hold the event it
/// sealed before. A chain whose sealed tail was cut off (while the gateway ran, or while it was stopped) is found
/// here and recorded in the chain itself (<see cref="AuditLog.WriteGap"/>) before the seal moves on, so the
/// evidence outlives the seal it contradicts.
/// </summary>
internal sealed partial class AuditSealer : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly AuditChainWriter _writer;
    private readonly AuditSealStore _store;
    private readonly AuditLog _audit;
    private readonly string _folder;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _once = new(1, 1);
    private readonly Task _loop;
    private readonly TaskCompletionSource _checked = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AuditSeal? _sealed;
    private bool _loaded;
    private long? _gapWrittenBy;
    private bool _failing;

    public AuditSealer(AuditChainWriter writer, AuditSealStore store, AuditLog audit, string folder, ILogger logger, TimeProvider time)
    {
        _writer = writer;
        _store = store;
        _audit = audit;
        _folder = folder;
        _logger = logger;
        _time = time;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Checks the previous seal and seals the newest written event; does nothing while the store cannot be reached.</summary>
    public async Task SealAsync(CancellationToken cancellationToken)
    {
        await _once.WaitAsync(cancellationToken);
        try
        {
            if (!_loaded)
            {
                _sealed = await _store.FindAsync(_folder, _writer.Chain, cancellationToken);
                _loaded = true;
            }

            if (_sealed is { } previous && !_writer.Holds(new AuditChainPosition(previous.File, previous.Offset, previous.Mac)))
            {
                Log.ChainCut(_logger, _writer.Chain, _folder, previous.File, previous.Offset, previous.SealedAt);
                _gapWrittenBy = _audit.WriteGap(_writer.Chain, previous);
                _sealed = null;
            }

            // The seal moves past a cut only once the event recording it is on disk.
            if (_gapWrittenBy is { } sequence && !_audit.IsProcessed(sequence))
            {
                return;
            }

            _gapWrittenBy = null;
            if (_writer.Written is not { } written || (_sealed is { } current && current.File == written.File && current.Offset == written.Offset))
            {
                return;
            }

            var seal = new AuditSeal { Folder = _folder, Chain = _writer.Chain, File = written.File, Offset = written.Offset, Mac = written.Mac, SealedAt = _time.GetUtcNow().UtcDateTime };
            await _store.SaveAsync(seal, cancellationToken);
            _sealed = seal;
            if (_failing)
            {
                _failing = false;
                Log.SealRecovered(_logger, _writer.Chain);
            }
        }
#pragma warning disable CA1031 // The store may be down: the audit files are still written; sealing resumes with it.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            if (!_failing)
            {
                _failing = true;
                Log.SealFailed(_logger, _writer.Chain, ex.GetBaseException().Message);
            }
        }
        finally
        {
            _once.Release();
        }
    }

    /// <summary>
    /// Waits (bounded) for the first look at the previous seal, so that a cut found there is recorded while the chain
    /// can still be written to.
    /// </summary>
    public void WaitForFirstCheck(TimeSpan timeout) => _checked.Task.Wait(timeout);

    /// <summary>Stops the timer and seals a last time; the owner calls this once its buffer is written out.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _loop.GetAwaiter().GetResult();
        // Bounded: a store that does not answer must not hold up the stop.
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            try
            {
                SealAsync(timeout.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
        _once.Dispose();
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            // At once: a chain cut while no one wrote it is found before this process's events move its seal.
            await SealAsync(_stop.Token);
            _checked.TrySetResult();
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await SealAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            _checked.TrySetResult();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Critical, "The audit chain {Chain} in {Folder} no longer holds its sealed last event ({File} up to byte {Offset}, sealed {SealedAt:o}): events were removed from its end. This is recorded in the chain as an audit_gap event; `gateway audit verify` reports it.")]
        public static partial void ChainCut(ILogger logger, string chain, string folder, string file, long offset, DateTime sealedAt);

        [LoggerMessage(2, LogLevel.Warning, "The audit chain {Chain} cannot be sealed ({Detail}); events are still written, and the seal catches up when it can be written again.")]
        public static partial void SealFailed(ILogger logger, string chain, string detail);

        [LoggerMessage(3, LogLevel.Information, "The audit chain {Chain} is sealed again.")]
        public static partial void SealRecovered(ILogger logger, string chain);
    }
}
