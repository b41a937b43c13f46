namespace Gateway.Audit;

/// <summary>
/// Reads an audit file line by line from a byte offset, as bytes, through one reusable buffer: memory stays flat
/// however large the file, and each line's offset is known (for the index and the seal). The file is shared with
/// its writer, which keeps appending.
/// </summary>
public sealed class AuditFileLines : IDisposable
{
    private readonly FileStream _stream;
    private byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private int _lineStart;
    private int _lineLength;
    private int _rawLength;
    private long _bufferOffset;
    private bool _eof;

    public AuditFileLines(string path, long from = 0)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        _stream.Position = from;
        _bufferOffset = from;
    }

    /// <summary>The current line, without its newline; valid until the next <see cref="MoveNext"/>.</summary>
    public ReadOnlySpan<byte> Line => _buffer.AsSpan(_lineStart, _lineLength);

    /// <summary>Where the current line starts in the file.</summary>
    public long Offset { get; private set; }

    /// <summary>Where the current line ends in the file, its newline included.</summary>
    public long End => Offset + _rawLength + (Complete ? 1 : 0);

    /// <summary>1 for the first line read.</summary>
    public int Number { get; private set; }

    /// <summary>False for a last line without a newline: cut, or still being written.</summary>
    public bool Complete { get; private set; }

    public bool MoveNext()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                SetLine(_start, newline, complete: true);
                _start += newline + 1;
                return true;
            }

            if (_eof)
            {
                if (_end > _start)
                {
                    SetLine(_start, _end - _start, complete: false);
                    _start = _end;
                    return true;
                }

                return false;
            }

            Fill();
        }
    }

    public void Dispose() => _stream.Dispose();

    private void SetLine(int start, int length, bool complete)
    {
        Offset = _bufferOffset + start;
        _lineStart = start;
        _rawLength = length;
        _lineLength = length > 0 && _buffer[start + length - 1] == '\r' ? length - 1 : length;
        Complete = complete;
        Number++;
    }

    private void Fill()
    {
        // Keep the unfinished line, moved to the front; grow only for a line longer than the buffer.
        var pending = _end - _start;
        if (pending == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        else if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, pending);
        }

        _bufferOffset += _start;
        _start = 0;
        _end = pending;
        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }
}
