using Gateway.Data;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Gateway.Audit;

/// <summary>
/// A SQLite index over the audit files (<c>&lt;data&gt;/audit-index.db</c>): one row per event with the fields the
/// audit view filters and orders by, and where its line is (file, offset, length). The files stay the source of
/// truth — the view and the export read each event's line from them, byte for byte — and the index is derived data:
/// deleting it only costs a re-read. It catches up with the files incrementally (from the offset it last reached),
/// so neither a query nor the catch-up holds more than one line and one page in memory.
/// </summary>
public sealed partial class AuditIndex : IDisposable
{
    private const int Batch = 10_000;
    private const int HeadBytes = 64;
    private static readonly string[] EventColumns = ["$t", "$file", "$offset", "$length", "$kind", "$decision", "$reason", "$token", "$client", "$actor"];
    private readonly string _connectionString;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _catchUp = new(1, 1);

    // Size and write time of each file when it was last indexed (guarded by _catchUp): a file that shows the same is
    // skipped without being opened, so a frequent catch-up over a long retention costs a directory listing.
    private readonly Dictionary<string, (long Length, DateTime Written)> _indexedAs = new(StringComparer.Ordinal);
    private bool _created;
    private bool _failing;

    public AuditIndex(IOptions<AuditOptions> audit, IOptions<StorageOptions> storage, ILogger<AuditIndex>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(storage);
        Folder = Path.GetFullPath(audit.Value.Path);
        File = Path.Combine(storage.Value.FullDataPath, "audit-index.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = File, DefaultTimeout = 30 }.ToString();
        _logger = (ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
    }

    /// <summary>The audit folder indexed.</summary>
    public string Folder { get; }

    /// <summary>The index database.</summary>
    public string File { get; }

    /// <summary>
    /// Indexes what was appended to the audit files since the last call, re-reads a file that was replaced or cut,
    /// and forgets deleted files. While the index cannot be written, queries answer from what it holds.
    /// </summary>
    /// <param name="wait">
    /// How long to wait for a catch-up already under way (a first one over a large log takes a while); past it, the
    /// caller goes on with what the index holds. Null: as long as it takes.
    /// </param>
    public async Task CatchUpAsync(TimeSpan? wait = null, CancellationToken cancellationToken = default)
    {
        if (!await _catchUp.WaitAsync(wait ?? Timeout.InfiniteTimeSpan, cancellationToken))
        {
            return;
        }

        try
        {
            using var db = Open();
            CatchUp(db, cancellationToken);
            if (_failing)
            {
                _failing = false;
                Log.Recovered(_logger, File);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            if (!_failing)
            {
                _failing = true;
                Log.Failed(_logger, File, ex.Message);
            }
        }
        finally
        {
            _catchUp.Release();
        }
    }

    public void Dispose() => _catchUp.Dispose();

    /// <summary>A connection to the index, its tables created on first use.</summary>
    internal SqliteConnection Open()
    {
        if (!_created)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        }

        var db = new SqliteConnection(_connectionString);
        db.Open();
        if (!_created)
        {
            Execute(db, """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS files (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, indexed INTEGER NOT NULL, head BLOB);
                CREATE TABLE IF NOT EXISTS events (
                    t INTEGER NOT NULL, file INTEGER NOT NULL, offset INTEGER NOT NULL, length INTEGER NOT NULL, kind INTEGER NOT NULL,
                    decision TEXT, reason TEXT, token INTEGER, client INTEGER, actor TEXT,
                    PRIMARY KEY (t, file, offset)) WITHOUT ROWID;
                CREATE INDEX IF NOT EXISTS events_token ON events (token, t) WHERE token IS NOT NULL;
                CREATE INDEX IF NOT EXISTS events_client ON events (client, t) WHERE client IS NOT NULL;
                CREATE INDEX IF NOT EXISTS events_reason ON events (reason, t) WHERE reason IS NOT NULL;
                CREATE INDEX IF NOT EXISTS events_actor ON events (actor, t) WHERE actor IS NOT NULL;
                CREATE INDEX IF NOT EXISTS events_decision ON events (decision, t) WHERE decision IS NOT NULL;
                CREATE INDEX IF NOT EXISTS events_file ON events (file);
                """);
            _created = true;
        }

        // The writer loses little on a crash (the index is rebuilt from the files), and gains much. Checkpoints, the
        // only syncs left, every 10,000 pages (~40 MB of WAL) rather than SQLite's 1,000: under load the default synced
        // every 2 s, and each sync forces the filesystem's journal to commit, which stalls the audit file's appends
        // (and the requests waiting on them) for a millisecond or more (bench/results/2026-11-30-2.md). After a
        // checkpoint the WAL is cut back to 8 MB rather than keeping its largest size.
        Execute(db, "PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 10000; PRAGMA journal_size_limit = 8388608;");
        return db;
    }

    private void CatchUp(SqliteConnection db, CancellationToken cancellationToken)
    {
        var known = new Dictionary<string, (long Id, long Indexed, byte[]? Head)>(StringComparer.Ordinal);
        using (var list = Command(db, "SELECT id, name, indexed, head FROM files"))
        using (var rows = list.ExecuteReader())
        {
            while (rows.Read())
            {
                known[rows.GetString(1)] = (rows.GetInt64(0), rows.GetInt64(2), rows.IsDBNull(3) ? null : (byte[])rows[3]);
            }
        }

        var present = Directory.Exists(Folder)
            ? new DirectoryInfo(Folder).GetFiles("audit-*.clef").ToDictionary(f => f.Name, StringComparer.Ordinal)
            : [];
        foreach (var (name, file) in known.Where(k => !present.ContainsKey(k.Key)))
        {
            Forget(db, file.Id, remove: true);
            _indexedAs.Remove(name);
        }

        // Newest first: after an upgrade or a deleted index, the recent events are in the view soonest.
        foreach (var (name, info) in present.OrderByDescending(p => p.Value.LastWriteTimeUtc))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var seen = (info.Length, info.LastWriteTimeUtc);
            if (known.ContainsKey(name) && _indexedAs.TryGetValue(name, out var indexedAs) && indexedAs == seen)
            {
                continue;
            }

            var path = info.FullName;
            var head = Head(path, out var length);
            if (!known.TryGetValue(name, out var file))
            {
                using var insert = Command(db, "INSERT INTO files (name, indexed, head) VALUES ($name, 0, NULL) RETURNING id", ("$name", name));
                file = ((long)insert.ExecuteScalar()!, 0, null);
            }
            else if (length < file.Indexed || file.Head is not null && !head.AsSpan().StartsWith(file.Head))
            {
                // Cut or replaced since it was indexed: read it again from the start.
                Forget(db, file.Id, remove: false);
                file = (file.Id, 0, null);
            }

            if (length > file.Indexed)
            {
                Index(db, file.Id, path, file.Indexed, head, cancellationToken);
            }

            // As listed before it was read: a file that grew meanwhile looks changed at the next catch-up.
            _indexedAs[name] = seen;
        }
    }

    private static void Index(SqliteConnection db, long file, string path, long from, byte[] head, CancellationToken cancellationToken)
    {
        var transaction = db.BeginTransaction();
        var insert = Command(db, """
            INSERT OR IGNORE INTO events (t, file, offset, length, kind, decision, reason, token, client, actor)
            VALUES ($t, $file, $offset, $length, $kind, $decision, $reason, $token, $client, $actor)
            """);
        var parameters = EventColumns.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        parameters[1].Value = file;
        try
        {
            using var lines = new AuditFileLines(path, from);
            var end = from;
            var count = 0;
            // Only whole lines: a last line still being written is indexed on the next catch-up.
            while (lines.MoveNext() && lines.Complete)
            {
                end = lines.End;
                if (AuditEntry.Parse(lines.Line) is not { } entry)
                {
                    continue;
                }

                parameters[0].Value = entry.Ticks;
                parameters[2].Value = lines.Offset;
                parameters[3].Value = lines.Line.Length;
                parameters[4].Value = (int)entry.Kind;
                parameters[5].Value = (object?)entry.Decision ?? DBNull.Value;
                parameters[6].Value = (object?)entry.Reason ?? DBNull.Value;
                parameters[7].Value = (object?)entry.TokenId ?? DBNull.Value;
                parameters[8].Value = (object?)entry.ClientId ?? DBNull.Value;
                parameters[9].Value = (object?)entry.Actor ?? DBNull.Value;
                insert.Transaction = transaction;
                insert.ExecuteNonQuery();
                if (++count % Batch == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    Indexed(db, transaction, file, end, head);
                    transaction.Commit();
                    transaction.Dispose();
                    transaction = db.BeginTransaction();
                }
            }

            Indexed(db, transaction, file, end, head);
            transaction.Commit();
        }
        finally
        {
            insert.Dispose();
            transaction.Dispose();
        }
    }

    private static void Indexed(SqliteConnection db, SqliteTransaction transaction, long file, long end, byte[] head)
    {
        using var update = Command(db, "UPDATE files SET indexed = max(indexed, $end), head = coalesce(head, $head) WHERE id = $id", ("$end", end), ("$head", head), ("$id", file));
        update.Transaction = transaction;
        update.ExecuteNonQuery();
    }

    private static void Forget(SqliteConnection db, long file, bool remove)
    {
        using var transaction = db.BeginTransaction();
        using var events = Command(db, "DELETE FROM events WHERE file = $id", ("$id", file));
        events.Transaction = transaction;
        events.ExecuteNonQuery();
        using var row = Command(db, remove ? "DELETE FROM files WHERE id = $id" : "UPDATE files SET indexed = 0, head = NULL WHERE id = $id", ("$id", file));
        row.Transaction = transaction;
        row.ExecuteNonQuery();
        transaction.Commit();
    }

    private static byte[] Head(string path, out long length)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
        length = stream.Length;
        var head = new byte[(int)Math.Min(HeadBytes, length)];
        stream.ReadExactly(head);
        return head;
    }

    internal static SqliteCommand Command(SqliteConnection db, string sql, params (string Name, object Value)[] parameters)
    {
        var command = db.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = Command(db, sql);
        command.ExecuteNonQuery();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "The audit index {File} cannot be updated ({Detail}); the audit view shows what it holds until it can. The audit files are not affected.")]
        public static partial void Failed(ILogger logger, string file, string detail);

        [LoggerMessage(2, LogLevel.Information, "The audit index {File} is being updated again.")]
        public static partial void Recovered(ILogger logger, string file);
    }
}
