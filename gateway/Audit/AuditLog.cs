using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Gateway.Audit;

/// <summary>
/// The audit log: CLEF (one JSON object per line) in daily files, hash-chained (<see cref="HashChain"/>),
/// written on a background thread through a bounded buffer that makes callers wait when full rather than
/// drop an event. Separate from the application log, so its level settings can never silence it.
/// When a write fails (a full disk), the log reports itself not <see cref="Writable"/> until a write succeeds
/// again; the public listener refuses requests meanwhile (see <see cref="AuditMiddleware"/>).
/// </summary>
public sealed partial class AuditLog : IDisposable
{
    private static readonly MessageTemplate StaffTemplate = new MessageTemplateParser().Parse("{EventType} {Action} {Actor} {Target} {Outcome}");
    private static readonly MessageTemplate RequestTemplate = new MessageTemplateParser().Parse("{EventType} {Decision} {Reason} {Method} {Path} {Status}");
    private readonly Logger _logger;
    private readonly AuditBuffer _buffer;
    private AuditWriteTracker? _tracker;

    /// <summary>The server's audit files: <c>audit-YYYYMMDD.clef</c>.</summary>
    public const string ServerPrefix = "audit-";

    /// <summary>The CLI's own chain (another process must not append to the server's): <c>audit-cli-YYYYMMDD.clef</c>.</summary>
    public const string CliPrefix = "audit-cli-";

    public AuditLog(IOptions<AuditOptions> options, string filePrefix = ServerPrefix, ILogger<AuditLog>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        Folder = System.IO.Path.GetFullPath(settings.Path);
        var log = (Microsoft.Extensions.Logging.ILogger?)logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        var file = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Sink(LoggerSinkConfiguration.Wrap(
                // Sees every write's outcome: a failure (full disk, I/O error) makes the gateway refuse public requests.
                inner => _tracker = new AuditWriteTracker(inner, ex => Log.WriteFailed(log, Folder, ex.Message), () => Log.WriteRecovered(log, Folder)),
                // Unbuffered on purpose: a buffered file sink writes to disk from its flush timer, where a failed
                // write (full disk) is swallowed, so the gateway would keep serving without an audit trail. One
                // write() per event costs CPU (bench/results), but every failure is seen by the tracker.
                files => files.File(
                    new ChainedClefFormatter(HashChain.ResumeFrom(Folder, filePrefix)),
                    System.IO.Path.Combine(Folder, filePrefix + ".clef"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: settings.RetainedFiles)))
            .CreateLogger();
        _buffer = new AuditBuffer(file, settings.BufferSize);
        _logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .WriteTo.Sink(_buffer)
            .CreateLogger();
    }

    /// <summary>The folder the audit files are written to.</summary>
    public string Folder { get; }

    /// <summary>Events lost: never for a full buffer (writers wait instead), only ones arriving after shutdown began.</summary>
    public long Dropped => _buffer.Refused;

    /// <summary>Events waiting to be written.</summary>
    public int Buffered => _buffer.Count;

    /// <summary>Events whose write failed (a full disk, an I/O error): they may be missing from the files.</summary>
    public long Lost => _tracker?.Lost ?? 0;

    /// <summary>False from a failed write until a write succeeds again.</summary>
    public bool Writable => _tracker?.Failing != true;

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
        _logger.Write(new LogEvent(e.Time, LogEventLevel.Information, null, RequestTemplate, properties));
    }

    /// <summary>One staff action: who (and from where), what, on what, and the state before and after.</summary>
    public void Write(Gateway.Audit.StaffAction action, string? actorIp, string? requestId, DateTimeOffset at)
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
        _logger.Write(new LogEvent(at, LogEventLevel.Information, null, StaffTemplate, properties));
    }

    private void Add(List<LogEventProperty> properties, string name, object? value)
    {
        if (value is not null && _logger.BindProperty(name, value, destructureObjects: true, out var property))
        {
            properties.Add(property);
        }
    }

    /// <summary>Writes out everything buffered; called when the host stops.</summary>
    public void Dispose()
    {
        _logger.Dispose();
        _buffer.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Critical, "The audit log cannot be written in {Folder} ({Detail}); public requests are refused with 503 until it can, and events that failed are counted in gateway_audit_events_lost_total.")]
        public static partial void WriteFailed(Microsoft.Extensions.Logging.ILogger logger, string folder, string detail);

        [LoggerMessage(2, LogLevel.Warning, "The audit log in {Folder} is being written again; public requests are served.")]
        public static partial void WriteRecovered(Microsoft.Extensions.Logging.ILogger logger, string folder);
    }
}
