using System.Buffers;
using System.Threading.Tasks.Sources;

namespace Gateway.Audit;

/// <summary>
/// One audit event on its way to the file: its CLEF JSON as UTF-8 without the closing brace (the chain writer adds
/// <c>KeyId</c>, <c>PrevMac</c> and <c>Mac</c>, which only it knows), and the wait of whoever needs it written before
/// going on. Pooled: a request's line is rented, written into, committed and returned once its wait is over, so the
/// audit step allocates nothing per request.
/// </summary>
internal sealed class AuditLine : IValueTaskSource
{
    private const int InitialSize = 1024;
    // Lines in use are bounded by requests in flight; a short lock is cheaper here than a lock-free bag's thread-local lists.
    private static readonly Stack<AuditLine> Pool = new();
    private ManualResetValueTaskSourceCore<bool> _done = new() { RunContinuationsAsynchronously = true };
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);

    private AuditLine()
    {
    }

    /// <summary>Bytes written so far.</summary>
    public int Length { get; private set; }

    /// <summary>The event as written so far.</summary>
    public ReadOnlySpan<byte> Content => _buffer.AsSpan(0, Length);

    /// <summary>True when someone waits for this line (a request); otherwise the writer returns it to the pool.</summary>
    public bool Awaited { get; private set; }

    public static AuditLine Rent(bool awaited)
    {
        AuditLine? line;
        lock (Pool)
        {
            Pool.TryPop(out line);
        }

        line ??= new AuditLine();
        line.Awaited = awaited;
        return line;
    }

    /// <summary>Room for at least <paramref name="size"/> more bytes.</summary>
    public Span<byte> GetSpan(int size)
    {
        if (_buffer.Length - Length < size)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, Length + size));
            Content.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }

        return _buffer.AsSpan(Length);
    }

    public void Advance(int count) => Length += count;

    public void Write(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(GetSpan(bytes.Length));
        Length += bytes.Length;
    }

    /// <summary>What the waiter awaits: done once the line's batch has been handed to the file.</summary>
    public ValueTask Written => new(this, _done.Version);

    /// <summary>Called by the writer once the line's batch was written (or failed: the log's state says so).</summary>
    public void Complete()
    {
        if (Awaited)
        {
            _done.SetResult(true);
        }
        else
        {
            Return();
        }
    }

    void IValueTaskSource.GetResult(short token)
    {
        _done.GetResult(token);
        Return();
    }

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _done.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _done.OnCompleted(continuation, state, token, flags);

    private void Return()
    {
        _done.Reset();
        Length = 0;
        if (_buffer.Length > 16 * InitialSize)
        {
            // One huge event (a staff action's long before/after) does not keep its buffer forever.
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialSize);
        }

        lock (Pool)
        {
            Pool.Push(this);
        }
    }
}
