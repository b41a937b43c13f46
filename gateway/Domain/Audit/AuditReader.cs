using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace Gateway.Audit;

/// <summary>
/// Reads the audit log back for the admin UI and API: a page at a time, newest first, from a cursor; or every
/// matching event for export, oldest first, one line at a time. The <see cref="AuditIndex"/> finds the events; their
/// lines are read from the audit files as written. Memory is one page, or one line, whatever the size of the log.
/// </summary>
public sealed class AuditReader(AuditIndex index)
{
    public const int MaxPerPage = 500;

    // A view waits this long for the index to take in the newest lines, then shows what the index holds.
    private static readonly TimeSpan CatchUpWait = TimeSpan.FromSeconds(2);

    /// <summary>One page of the events matching <paramref name="query"/>, newest first, after its cursor.</summary>
    /// <exception cref="ArgumentException">The query's cursor is not one this reader gave out.</exception>
    public async Task<AuditSlice> PageAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var perPage = Math.Clamp(query.PerPage, 1, MaxPerPage);
        var after = query.Cursor is null ? null : AuditCursor.Parse(query.Cursor) ?? throw new ArgumentException("Not an audit cursor.", nameof(query));
        await index.CatchUpAsync(CatchUpWait, cancellationToken);
        using var db = index.Open();
        using var files = new LineFiles(index.Folder);
        var items = new List<JsonElement>(perPage);
        AuditCursor? last = null;
        var more = false;
        foreach (var row in Rows(db, query, after, newestFirst: true, limit: perPage + 1))
        {
            if (items.Count == perPage)
            {
                more = true;
                break;
            }

            if (files.Read(row) is { } line && Parse(line) is { } e)
            {
                items.Add(e);
                last = row.Cursor;
            }
        }

        return new AuditSlice(items, perPage, more ? last?.ToString() : null);
    }

    /// <summary>
    /// Every event matching <paramref name="query"/> (its cursor ignored), oldest first, each as its line exactly as
    /// written (without the newline). A line is valid until the next one is read.
    /// </summary>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ExportAsync(AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await index.CatchUpAsync(CatchUpWait, cancellationToken);
        using var db = index.Open();
        using var files = new LineFiles(index.Folder);
        foreach (var row in Rows(db, query, after: null, newestFirst: false, limit: null))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (files.Read(row) is { } line)
            {
                yield return line;
            }
        }
    }

    private static JsonElement? Parse(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Edited since it was indexed: the files are the truth, and `gateway audit verify` reports the edit.
            return null;
        }
    }

    private static IEnumerable<Row> Rows(SqliteConnection db, AuditQuery query, AuditCursor? after, bool newestFirst, int? limit)
    {
        var sql = new StringBuilder("SELECT e.t, f.name, e.offset, e.length FROM events e JOIN files f ON f.id = e.file WHERE 1 = 1");
        using var command = db.CreateCommand();
        void Filter(string condition, string name, object? value)
        {
            if (value is not null)
            {
                sql.Append(" AND ").Append(condition);
                command.Parameters.AddWithValue(name, value);
            }
        }

        Filter("e.t >= $from", "$from", query.From?.UtcTicks);
        Filter("e.t <= $to", "$to", query.To?.UtcTicks);
        Filter("e.client = $client", "$client", query.ClientId);
        Filter("e.token = $token", "$token", query.TokenId);
        Filter("e.decision = $decision", "$decision", query.Decision);
        Filter("e.reason = $reason", "$reason", query.Reason);
        Filter("e.actor = $actor", "$actor", query.Actor);
        if (after is not null)
        {
            // Keyset paging: strictly older than the last event shown, in the same order.
            Filter("(e.t < $at OR (e.t = $at AND (f.name < $file OR (f.name = $file AND e.offset < $offset))))", "$at", after.Ticks);
            command.Parameters.AddWithValue("$file", after.File);
            command.Parameters.AddWithValue("$offset", after.Offset);
        }

        var direction = newestFirst ? "DESC" : "ASC";
        sql.Append($" ORDER BY e.t {direction}, f.name {direction}, e.offset {direction}");
        if (limit is not null)
        {
            sql.Append(" LIMIT $limit");
            command.Parameters.AddWithValue("$limit", limit.Value);
        }

        command.CommandText = sql.ToString();
        using var rows = command.ExecuteReader();
        while (rows.Read())
        {
            yield return new Row(rows.GetInt64(0), rows.GetString(1), rows.GetInt64(2), rows.GetInt32(3));
        }
    }

    private readonly record struct Row(long Ticks, string File, long Offset, int Length)
    {
        public AuditCursor Cursor => new(Ticks, File, Offset);
    }

    /// <summary>Reads indexed lines from the audit files through one reused buffer, each file opened once.</summary>
    private sealed class LineFiles(string folder) : IDisposable
    {
        private readonly Dictionary<string, SafeFileHandle?> _open = new(StringComparer.Ordinal);
        private byte[] _buffer = new byte[16 * 1024];

        /// <summary>The line, or null when the file no longer holds a line there (deleted, cut or edited since it was indexed).</summary>
        public ReadOnlyMemory<byte>? Read(Row row)
        {
            if (!_open.TryGetValue(row.File, out var handle))
            {
                var path = Path.Combine(folder, row.File);
                handle = File.Exists(path) ? File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete) : null;
                _open[row.File] = handle;
            }

            if (handle is null)
            {
                return null;
            }

            if (_buffer.Length < row.Length + 1)
            {
                _buffer = new byte[Math.Max(row.Length + 1, _buffer.Length * 2)];
            }

            var span = _buffer.AsSpan(0, row.Length + 1);
            var read = RandomAccess.Read(handle, span, row.Offset);
            return read == span.Length && span[0] == '{' && span[^1] == '\n' ? _buffer.AsMemory(0, row.Length) : null;
        }

        public void Dispose()
        {
            foreach (var handle in _open.Values)
            {
                handle?.Dispose();
            }
        }
    }
}
