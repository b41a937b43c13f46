using System.Diagnostics;
using Gateway.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Gateway.Audit;

/// <summary>
/// The audit log: CLEF (one JSON object per line) in daily files, each line signed into a keyed chain
/// (<see cref="AuditChainFormat"/>) whose end is sealed with the store (<see cref="AuditSealer"/>). A request's event
/// is written before the request is done, by group commit (<see cref="AuditGroupCommit"/>): one <c>write()</c> per batch
/// of the events that finished together, each seen to succeed or fail. Every string of every event passes the
/// <see cref="SecretRedactor"/>. Separate from the application log, so its level settings can never silence it. When
/// a write fails (a full disk), the log reports itself not <see cref="Writable"/> until a write succeeds again; the
/// public listener refuses requests meanwhile (see <see cref="AuditGuardMiddleware"/>).
/// </summary>
public sealed partial class AuditLog : IDisposable
{
    /// <summary>Servers write the chains <c>audit-</c>, <c>audit-2-</c>, …</summary>
    public const string ServerWriter = "";

    /// <summary>The CLI writes the chains <c>audit-cli-</c>, <c>audit-cli-2-</c>, …</summary>
    public const string CliWriter = "cli";

    private static readonly MessageTemplate StaffTemplate = new MessageTemplateParser().Parse("{EventType} {Action} {Actor} {Target} {Outcome}");
    private static readonly MessageTemplate RequestTemplate = new MessageTemplateParser().Parse("{EventType} {Decision} {Reason} {Method} {Path} {Status}");
    private static readonly MessageTemplate GapTemplate = new MessageTemplateParser().Parse("{EventType} {Chain} {Problem}");
    private readonly Logger _logger;
    private readonly Logger? _shipped;
    private readonly AuditGroupCommit _commit;
    private readonly SecretRedactor _redactor;
    private readonly AuditChainWriter _chain;
    private readonly AuditWriteTracker _tracker;
    private readonly AuditSealer? _sealer;
    private readonly TimeProvider _time;
    private int _disposed;

    /// <param name="keys">The chain keys; the current one signs.</param>
    /// <param name="writer"><see cref="ServerWriter"/> or <see cref="CliWriter"/>: which chains this process may take.</param>
    /// <param name="seals">Where the chain's end is sealed; null only in tests of the files alone.</param>
    /// <param name="shipping">Where a copy of every event goes over OTLP (<see cref="AuditOtlpOptions"/>), if anywhere.</param>
    public AuditLog(
        IOptions<AuditOptions> options,
        AuditKeyRing keys,
        string writer = ServerWriter,
        AuditSealStore? seals = null,
        SecretRedactor? redactor = null,
        ILogger<AuditLog>? logger = null,
        TimeProvider? time = null,
        Gateway.Telemetry.OtlpLogShipper? shipping = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(keys);
        var settings = options.Value;
        _time = time ?? TimeProvider.System;
        Folder = Path.GetFullPath(settings.Path);
        var log = (Microsoft.Extensions.Logging.ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _chain = AuditChainWriter.Open(Folder, writer, keys, settings.RetainedFiles, _time);
        // Sees every write's outcome: a failure (full disk, I/O error) makes the gateway refuse public requests.
        // No file buffer on purpose: every batch is one write(), so every failure is seen here (bench/results).
        _tracker = new AuditWriteTracker(_chain.Write, ex => Log.WriteFailed(log, Folder, ex.Message), () => Log.WriteRecovered(log, Folder));
        _commit = new AuditGroupCommit(_tracker.Write, settings.BufferSize);
        _redactor = redactor ?? SecretRedactor.Default;
        // The same events, after the redactor, to the collector: batched and bounded, never holding a writer (the
        // shipper's queue limit drops what does not fit; the files keep everything).
        _shipped = shipping?.WriteTo(new LoggerConfiguration().MinimumLevel.Information().Enrich.With(_redactor).WriteTo, _redactor).CreateLogger();
        var pipeline = new LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.With(_redactor);
        if (_shipped is not null)
        {
            // Staff actions and gaps reach the shipper through here; request events skip Serilog (see WriteAsync).
            pipeline.WriteTo.Logger(_shipped);
        }

        _logger = pipeline.WriteTo.Sink(new AuditEventSink(_commit)).CreateLogger();
        Log.Writing(log, _chain.Chain, Folder, keys.Current.Id, keys.Source);
        if (keys.Generated)
        {
            Log.GeneratedKey(log, keys.Source);
        }

        _sealer = seals is null ? null : new AuditSealer(_chain, seals, this, Folder, log, _time);
    }

    /// <summary>The folder the audit files are written to.</summary>
    public string Folder { get; }

    /// <summary>The chain this process writes (<c>audit-</c>, <c>audit-2-</c>, <c>audit-cli-</c> …).</summary>
    public string Chain => _chain.Chain;

    /// <summary>Events lost: never for lack of room (requests wait for their own), only ones arriving after shutdown began.</summary>
    public long Dropped => _commit.Refused;

    /// <summary>Events waiting to be written.</summary>
    public int Buffered => _commit.Count;

    /// <summary>Events whose write failed (a full disk, an I/O error): they may be missing from the files.</summary>
    public long Lost => _tracker.Lost;

    /// <summary>False from a failed write until a write succeeds again.</summary>
    public bool Writable => !_tracker.Failing;

    /// <summary>
    /// Writes the request's event and completes once it is in the file (or its write failed, which
    /// <see cref="Writable"/> then tells). Allocates nothing for the file: the event is written as UTF-8 into a pooled
    /// line (only the copy for an OTLP collector, when one is configured, is a Serilog event).
    /// </summary>
    public ValueTask WriteAsync(in RequestAuditEvent e)
    {
        // In the request's trace when traces are exported (its Activity is current then), as every audit event.
        var activity = Activity.Current;
        if (_shipped is not null)
        {
            // The collector's copy, built only when one is configured: the same fields as the line, handed to the
            // shipper's bounded queue, which never blocks.
            _shipped.Write(Event(e.Time, LogEventLevel.Information, RequestTemplate, Properties(e), activity));
        }

        var line = AuditLine.Rent(awaited: true);
        WriteEvent(line, e, _redactor, activity);
        return _commit.Commit(line);
    }

    /// <summary>
    /// The request event's CLEF, as Serilog's compact formatter writes a <see cref="LogEvent"/> of
    /// <see cref="Properties"/> in <paramref name="activity"/>'s trace, into <paramref name="line"/>.
    /// </summary>
    internal static void WriteEvent(AuditLine line, in RequestAuditEvent e, SecretRedactor redactor, Activity? activity = null)
    {
        AuditJson.Start(line, e.Time, RequestTemplate.Text);
        if (activity is not null)
        {
            AuditJson.Trace(line, activity.TraceId, activity.SpanId);
        }

        AuditJson.Property(line, "EventType"u8, "public_request", redactor);
        AuditJson.Property(line, "RequestId"u8, e.RequestId, redactor);
        AuditJson.Property(line, "ClientIp"u8, e.ClientIp, redactor);
        AuditJson.Property(line, "Method"u8, e.Method, redactor);
        AuditJson.Property(line, "Path"u8, e.Path, redactor);
        AuditJson.Property(line, "RouteId"u8, e.RouteId, redactor);
        AuditJson.Property(line, "Decision"u8, e.Decision, redactor);
        AuditJson.Property(line, "Reason"u8, e.Reason, redactor);
        AuditJson.Property(line, "TokenId"u8, e.TokenId);
        AuditJson.Property(line, "ClientId"u8, e.ClientId);
        AuditJson.Property(line, "HashedToken"u8, e.HashedToken, redactor);
        AuditJson.Property(line, "Status"u8, e.Status);
        AuditJson.Property(line, "UpstreamStatus"u8, e.UpstreamStatus);
        AuditJson.Property(line, "DurationMs"u8, Math.Round(e.DurationMs, 3));
        AuditJson.Property(line, "UpstreamDurationMs"u8, e.UpstreamDurationMs is { } upstream ? Math.Round(upstream, 3) : null);
        AuditJson.Property(line, "UserAgent"u8, e.UserAgent, redactor);
    }

    /// <summary>The request event as Serilog properties (before the redactor): what is shipped, and what <see cref="WriteEvent"/> writes.</summary>
    internal static List<LogEventProperty> Properties(in RequestAuditEvent e) =>
    [
        new("EventType", new ScalarValue("public_request")),
        new("RequestId", new ScalarValue(e.RequestId)),
        new("ClientIp", new ScalarValue(e.ClientIp)),
        new("Method", new ScalarValue(e.Method)),
        new("Path", new ScalarValue(e.Path)),
        new("RouteId", new ScalarValue(e.RouteId)),
        new("Decision", new ScalarValue(e.Decision)),
        new("Reason", new ScalarValue(e.Reason)),
        new("TokenId", new ScalarValue(e.TokenId)),
        new("ClientId", new ScalarValue(e.ClientId)),
        new("HashedToken", new ScalarValue(e.HashedToken)),
        new("Status", new ScalarValue(e.Status)),
        new("UpstreamStatus", new ScalarValue(e.UpstreamStatus)),
        new("DurationMs", new ScalarValue(Math.Round(e.DurationMs, 3))),
        new("UpstreamDurationMs", new ScalarValue(e.UpstreamDurationMs is { } upstream ? Math.Round(upstream, 3) : null)),
        new("UserAgent", new ScalarValue(e.UserAgent)),
    ];

    /// <summary>One staff action: who (and from where), what, on what, and the state before and after.</summary>
    public void Write(StaffAction action, string? actorIp, string? requestId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(action);
        var properties = new List<LogEventProperty>(10)
        {
            new("EventType", new ScalarValue("staff_action")),
            new("Action", new ScalarValue(action.Action)),
            new("Actor", new ScalarValue(action.Actor)),
            new("ActorIp", new ScalarValue(actorIp)),
            new("RequestId", new ScalarValue(requestId)),
            new("Target", new ScalarValue(action.Target)),
            new("Outcome", new ScalarValue(action.Outcome)),
        };
        if (action.Via is not null)
        {
            properties.Add(new("Via", new ScalarValue(action.Via)));
        }

        Add(properties, "Before", action.Before);
        Add(properties, "After", action.After);
        _logger.Write(Event(at, LogEventLevel.Information, StaffTemplate, properties, Activity.Current));
    }

    /// <summary>
    /// Records in the chain that its sealed end was found missing, and returns a count that <see cref="IsProcessed"/>
    /// reaches once this event has been written.
    /// </summary>
    internal long WriteGap(string chain, Gateway.Data.AuditSeal seal)
    {
        var properties = new List<LogEventProperty>(6)
        {
            new("EventType", new ScalarValue(AuditVerifier.GapEvent)),
            new("Chain", new ScalarValue(chain)),
            new("SealedFile", new ScalarValue(seal.File)),
            new("SealedOffset", new ScalarValue(seal.Offset)),
            new("SealedAt", new ScalarValue(new DateTimeOffset(seal.SealedAt, TimeSpan.Zero))),
            new("Problem", new ScalarValue("the chain no longer holds the event it was sealed at: events at its end were removed or rewritten")),
        };
        _logger.Write(new LogEvent(_time.GetUtcNow(), LogEventLevel.Warning, null, GapTemplate, properties));
        return _commit.Accepted;
    }

    /// <summary>Whether the event counted by <paramref name="sequence"/> (see <see cref="WriteGap"/>) has been handed to the file.</summary>
    internal bool IsProcessed(long sequence) => _commit.Processed >= sequence;

    /// <summary>Writes out everything buffered, seals the chain's end and releases the chain; called when the host stops.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // A cut found at start is written into the chain while it is still open.
        _sealer?.WaitForFirstCheck(TimeSpan.FromSeconds(10));
        _logger.Dispose();
        _commit.Dispose();
        // Sends what the shipper still holds (a secondary logger is not disposed with the first).
        _shipped?.Dispose();
        // The last seal covers everything written.
        _sealer?.Dispose();

        // Only now is the chain free for another process: its seal is final.
        _chain.Dispose();
    }

    /// <summary>
    /// An event in the request's trace when traces are exported (the request's Activity is current then): the line gets
    /// <c>@tr</c>/<c>@sp</c> and the shipped record its trace and span id. Without tracing there is no Activity.
    /// </summary>
    private static LogEvent Event(DateTimeOffset at, LogEventLevel level, MessageTemplate template, List<LogEventProperty> properties, Activity? current) =>
        current is { } activity
            ? new LogEvent(at, level, null, template, properties, activity.TraceId, activity.SpanId)
            : new LogEvent(at, level, null, template, properties);

    private void Add(List<LogEventProperty> properties, string name, object? value)
    {
        if (value is not null && _logger.BindProperty(name, value, destructureObjects: true, out var property))
        {
            properties.Add(property);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Critical, "The audit log cannot be written in {Folder} ({Detail}); public requests are refused with 503 until it can, and events that failed are counted in gateway_audit_events_lost_total.")]
        public static partial void WriteFailed(Microsoft.Extensions.Logging.ILogger logger, string folder, string detail);

        [LoggerMessage(2, LogLevel.Warning, "The audit log in {Folder} is being written again; public requests are served.")]
        public static partial void WriteRecovered(Microsoft.Extensions.Logging.ILogger logger, string folder);

        [LoggerMessage(3, LogLevel.Information, "Audit chain {Chain} in {Folder}, signed with key {KeyId} from {KeySource}.")]
        public static partial void Writing(Microsoft.Extensions.Logging.ILogger logger, string chain, string folder, string keyId, string keySource);

        [LoggerMessage(4, LogLevel.Warning, "The audit chain key was generated by the gateway and is kept in {KeyFile} (readable by the gateway's user only). In production, keep it in a secret store and set Gateway:Audit:ChainKey or Gateway:Audit:ChainKeyFile (docs/audit-log.md).")]
        public static partial void GeneratedKey(Microsoft.Extensions.Logging.ILogger logger, string keyFile);
    }
}
