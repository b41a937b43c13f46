using Gateway.Hosting;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Gateway.Audit;

/// <summary>
/// The audit log: CLEF (one JSON object per line) in daily files, each line signed into a keyed chain
/// (<see cref="AuditChainFormat"/>) whose end is sealed with the store (<see cref="AuditSealer"/>), written on a
/// background thread through a bounded buffer that makes callers wait when full rather than drop an event. Every
/// string of every event passes the <see cref="SecretRedactor"/>. Separate from the application log, so its level
/// settings can never silence it. When a write fails (a full disk), the log reports itself not
/// <see cref="Writable"/> until a write succeeds again; the public listener refuses requests meanwhile (see
/// <see cref="AuditMiddleware"/>).
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
    private readonly AuditBuffer _buffer;
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
        // Unbuffered on purpose: every event is one write(), so every failure is seen here (bench/results).
        _tracker = new AuditWriteTracker(_chain, ex => Log.WriteFailed(log, Folder, ex.Message), () => Log.WriteRecovered(log, Folder));
        _buffer = new AuditBuffer(_tracker, settings.BufferSize);
        var pipeline = new LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.With(redactor ?? SecretRedactor.Default);
        // The same events, after the redactor, to the collector: batched and bounded, never holding a writer. First,
        // so the copy it ships is taken before the chain writer adds its links to the event.
        shipping?.WriteTo(pipeline.WriteTo, redactor ?? SecretRedactor.Default);
        _logger = pipeline.WriteTo.Sink(_buffer).CreateLogger();
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

    /// <summary>Events lost: never for a full buffer (writers wait instead), only ones arriving after shutdown began.</summary>
    public long Dropped => _buffer.Refused;

    /// <summary>Events waiting to be written.</summary>
    public int Buffered => _buffer.Count;

    /// <summary>Events whose write failed (a full disk, an I/O error): they may be missing from the files.</summary>
    public long Lost => _tracker.Lost;

    /// <summary>False from a failed write until a write succeeds again.</summary>
    public bool Writable => !_tracker.Failing;

    public void Write(RequestAuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var properties = new List<LogEventProperty>(18)
        {
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
        };
        _logger.Write(Event(e.Time, LogEventLevel.Information, RequestTemplate, properties));
    }

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
        _logger.Write(Event(at, LogEventLevel.Information, StaffTemplate, properties));
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
        return _buffer.Accepted;
    }

    /// <summary>Whether the event counted by <paramref name="sequence"/> (see <see cref="WriteGap"/>) has been handed to the file.</summary>
    internal bool IsProcessed(long sequence) => _buffer.Processed >= sequence;

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
        _buffer.Dispose();
        // The last seal covers everything written.
        _sealer?.Dispose();

        // Only now is the chain free for another process: its seal is final.
        _chain.Dispose();
    }

    /// <summary>
    /// An event in the request's trace when traces are exported (the request's Activity is current then): the line gets
    /// <c>@tr</c>/<c>@sp</c> and the shipped record its trace and span id. Without tracing there is no Activity.
    /// </summary>
    private static LogEvent Event(DateTimeOffset at, LogEventLevel level, MessageTemplate template, List<LogEventProperty> properties) =>
        System.Diagnostics.Activity.Current is { } activity
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
