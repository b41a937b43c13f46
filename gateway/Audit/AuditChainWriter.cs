using System.Globalization;
using System.Text;

namespace Gateway.Audit;

/// <summary>
/// Appends events to one audit chain: daily files <c>&lt;chain&gt;YYYYMMDD.clef</c> (UTC days) in the audit folder,
/// each line signed into the chain (<see cref="AuditChainFormat"/>). A chain has exactly one writer: the process
/// holds the chain's lock file for as long as it writes, and a second process on the same folder (another
/// instance, the CLI beside the server) takes the next free chain instead (<c>audit-2-</c>, <c>audit-cli-2-</c>), so
/// two processes never interleave lines in one file. Called one batch at a time, by the group commit (<see cref="AuditGroupCommit"/>).
/// </summary>
internal sealed class AuditChainWriter : IDisposable
{
    private const int MaxChains = 100;
    // ,"KeyId":"" ,"PrevMac":"" } ,"Mac":"<44>"} and the newline, around a line's own content, its key id and link.
    private const int LineOverhead = 11 + 13 + 1 + 8 + 44 + 3;
    private readonly string _folder;
    private readonly AuditKeyRing _keys;
    private readonly int _retainedFiles;
    private readonly TimeProvider _time;
    private readonly FileStream _lock;
    private readonly HashSet<string> _expired = new(StringComparer.Ordinal);
    private byte[] _bytes = new byte[8 * 1024];
    private FileStream? _file;
    private string _fileName = "";
    private DateOnly _day;
    private long _offset;
    private bool _offsetUnknown;
    private bool _cut;
    // The link of the next line: the last line's MAC (or, resuming an older chain, its legacy link), ASCII.
    private readonly byte[] _previous = new byte[64];
    private int _previousLength;
    private volatile AuditChainPosition? _written;

    private AuditChainWriter(string folder, string chain, FileStream chainLock, AuditKeyRing keys, int retainedFiles, TimeProvider time)
    {
        _folder = folder;
        Chain = chain;
        _lock = chainLock;
        _keys = keys;
        _retainedFiles = retainedFiles;
        _time = time;
        SetPrevious(Encoding.ASCII.GetBytes(Resume()));
    }

    /// <summary>The chain's name: its files' names without the date (<c>audit-</c>, <c>audit-2-</c>, <c>audit-cli-</c>).</summary>
    public string Chain { get; }

    /// <summary>The last event written to disk (not merely attempted), for the seal.</summary>
    public AuditChainPosition? Written => _written;

    /// <summary>
    /// Takes the first chain of <paramref name="writer"/> (<c>""</c> for servers, <c>cli</c> for the CLI) that no other
    /// process holds, and resumes it where its files end.
    /// </summary>
    public static AuditChainWriter Open(string folder, string writer, AuditKeyRing keys, int retainedFiles, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(keys);
        Directory.CreateDirectory(folder);
        for (var slot = 1; slot <= MaxChains; slot++)
        {
            var name = string.Join('-', new[] { "audit", writer, slot > 1 ? slot.ToString(CultureInfo.InvariantCulture) : "" }.Where(p => p.Length > 0));
            FileStream chainLock;
            try
            {
                // FileShare.None is an exclusive advisory lock (flock) on Unix, released by the OS when the process dies.
                chainLock = new FileStream(Path.Combine(folder, name + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                continue;
            }

            return new AuditChainWriter(folder, name + "-", chainLock, keys, retainedFiles, time);
        }

        throw new IOException($"All {MaxChains} audit chains of '{writer}' in {folder} are held by other processes.");
    }

    /// <summary>
    /// Signs each line into the chain (its <c>KeyId</c>, the MAC of the line before as <c>PrevMac</c>, then its own
    /// <c>Mac</c>) and appends the batch with one write. Throws when the write fails; the chain still moves on, so the
    /// next line links to the lost ones and verify shows the gap.
    /// </summary>
    public void Write(IReadOnlyList<AuditLine> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var key = _keys.Current;
        var size = 0;
        // Indexed, not foreach: an interface's enumerator is an object per loop, and this runs for every batch.
        for (var i = 0; i < batch.Count; i++)
        {
            size += batch[i].Length + LineOverhead + key.Id.Length + _previousLength;
        }

        if (_bytes.Length < size)
        {
            _bytes = new byte[Math.Max(size, _bytes.Length * 2)];
        }

        var at = 0;
        Span<byte> mac = stackalloc byte[32];
        for (var i = 0; i < batch.Count; i++)
        {
            var line = batch[i];
            var start = at;
            at += Append(line.Content, at);
            at += Append(",\"KeyId\":\""u8, at);
            at += Encoding.ASCII.GetBytes(key.Id, _bytes.AsSpan(at));
            at += Append("\",\"PrevMac\":\""u8, at);
            at += Append(_previous.AsSpan(0, _previousLength), at);
            at += Append("\"}"u8, at);
            // The signed content is the event closed after PrevMac; the line replaces that brace with the Mac member.
            key.Sign(_bytes.AsSpan(start, at - start), mac);
            at += Append(",\"Mac\":\""u8, at - 1) - 1;
            var macStart = at;
            System.Buffers.Text.Base64.EncodeToUtf8(mac, _bytes.AsSpan(at), out _, out var encoded);
            at += encoded;
            SetPrevious(_bytes.AsSpan(macStart, encoded));
            at += Append("\"}\n"u8, at);
        }

        var file = Current();
        try
        {
            if (_cut)
            {
                // A failed write may have left part of a line: end it, so it stands alone (and verify reports it).
                file.Write("\n"u8);
                _cut = false;
            }

            file.Write(_bytes, 0, at);
            file.Flush();
        }
        catch
        {
            _cut = true;
            _offsetUnknown = true;
            throw;
        }

        _offset = _offsetUnknown ? RandomAccess.GetLength(file.SafeFileHandle) : _offset + at;
        _offsetUnknown = false;
        _written = new AuditChainPosition(_fileName, _offset, Encoding.ASCII.GetString(_previous, 0, _previousLength));
    }

    private int Append(ReadOnlySpan<byte> bytes, int at)
    {
        bytes.CopyTo(_bytes.AsSpan(at));
        return bytes.Length;
    }

    private void SetPrevious(ReadOnlySpan<byte> link)
    {
        link.CopyTo(_previous);
        _previousLength = link.Length;
    }

    /// <summary>Whether the chain's files still hold <paramref name="position"/> as it was written.</summary>
    public bool Holds(AuditChainPosition position)
    {
        ArgumentNullException.ThrowIfNull(position);
        lock (_expired)
        {
            // This writer deleted it for retention (RetainedFiles = 1 deletes yesterday's file at midnight).
            if (_expired.Contains(position.File))
            {
                return true;
            }
        }

        var path = Path.Combine(_folder, position.File);
        if (position.Offset < AuditChainFormat.MacSuffixLength + 1 || !File.Exists(path))
        {
            return false;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length < position.Offset)
        {
            return false;
        }

        // A keyed line ends with ,"Mac":"<mac>"}\n: the sealed event is there if those bytes end at the offset.
        var tail = new byte[AuditChainFormat.MacSuffixLength + 2];
        stream.Position = position.Offset - tail.Length;
        stream.ReadExactly(tail);
        return tail[^1] == '\n' && AuditChainFormat.MacOf(tail.AsSpan(0, tail.Length - 1)) == position.Mac;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _lock.Dispose();
    }

    private FileStream Current()
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        // Days only move forward: a clock set back must not reopen an older file behind the chain's newer lines.
        if (_file is not null && today <= _day)
        {
            return _file;
        }

        _file?.Dispose();
        _file = null;
        _day = today > _day ? today : _day;
        _fileName = $"{Chain}{_day:yyyyMMdd}.clef";
        var path = Path.Combine(_folder, _fileName);
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read | FileShare.Delete, bufferSize: 0);
        _offset = file.Length;
        _cut = _offset > 0 && LastByte(path) != '\n';
        _file = file;
        DeleteExpired();
        return file;
    }

    // The chain goes on from the last complete line of its newest file (a file before the key links by its SHA-256).
    private string Resume()
    {
        foreach (var file in ChainFiles().OrderDescending(StringComparer.Ordinal))
        {
            if (LastLine(file) is { } line)
            {
                return AuditChainFormat.LinkOf(line);
            }
        }

        return AuditChainFormat.Genesis;
    }

    private IEnumerable<string> ChainFiles() =>
        Directory.GetFiles(_folder, Chain + "*.clef").Where(f => AuditChainFormat.ChainOf(f) == Chain);

    private void DeleteExpired()
    {
        foreach (var old in ChainFiles().OrderDescending(StringComparer.Ordinal).Skip(_retainedFiles))
        {
            lock (_expired)
            {
                _expired.Add(Path.GetFileName(old));
            }

            File.Delete(old);
        }
    }

    private static int LastByte(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (stream.Length == 0)
        {
            return -1;
        }

        stream.Position = stream.Length - 1;
        return stream.ReadByte();
    }

    /// <summary>The file's last complete (newline-ended) non-empty line, read from the end.</summary>
    private static byte[]? LastLine(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = stream.Length;
        var chunk = 64 * 1024;
        while (true)
        {
            var start = Math.Max(0, length - chunk);
            var buffer = new byte[length - start];
            stream.Position = start;
            stream.ReadExactly(buffer);
            var text = buffer.AsSpan();
            // Drop a torn last line (no newline): it is not part of the chain.
            var end = text.LastIndexOf((byte)'\n');
            while (end >= 0)
            {
                var begin = text[..end].LastIndexOf((byte)'\n');
                if (begin < 0 && start > 0)
                {
                    break;
                }

                var line = text[(begin + 1)..end].TrimEnd((byte)'\r');
                if (line.Length > 0)
                {
                    return line.ToArray();
                }

                end = begin;
            }

            if (start == 0)
            {
                return null;
            }

            chunk *= 4;
        }
    }
}
