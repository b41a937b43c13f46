using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gateway.Audit;
using Gateway.Hosting;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Parsing;

namespace Gateway.Tests.Audit;

/// <summary>
/// The request event is written straight to UTF-8 (no Serilog <c>LogEvent</c> per request); these pin it byte for byte
/// to what Serilog's CLEF formatter writes for the same event through the same redactor, so readers, the index and
/// verify see the same lines as before.
/// </summary>
public sealed class AuditJsonTests
{
    private static readonly SecretRedactor Redactor = new(["opt_live_"]);

    public static TheoryData<string, string?, double, double?> Values => new()
    {
        { "/api/v1/me", "curl/8.5.0", 1.5, 0.25 },
        { "/api/v1/invoices?page=2&per_page=10", null, 0.001, null },
        { "/api/v1/a\"b\\c\u0001d\te\nf\rg\fh", "ünïcödé \u2028 agent 😀", 12345.678, 1e-3 },
        { "/x?token=[redacted]", "Bearer opt_live_abcdefghijklmnopqrstuvwxyz0123456789ABCDEF", 0, 98765.432 },
        { "/<script>&'+`", "opt_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 1e-7, 123456789.125 },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void RequestEvent_AnyValues_SameBytesAsSerilogsCompactFormatter(string path, string? agent, double duration, double? upstream)
    {
        var e = Event(path, agent, duration, upstream);

        var line = AuditLine.Rent(awaited: false);
        AuditLog.WriteEvent(line, e, Redactor);

        Assert.Equal(Serilog(e, null), Encoding.UTF8.GetString(line.Content));
    }

    [Theory]
    [MemberData(nameof(Values))]
    public void RequestEvent_InATrace_SameBytesAsSerilogsCompactFormatterWithTraceAndSpan(string path, string? agent, double duration, double? upstream)
    {
        var e = Event(path, agent, duration, upstream);
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();

        var line = AuditLine.Rent(awaited: false);
        AuditLog.WriteEvent(line, e, Redactor, activity);

        var text = Encoding.UTF8.GetString(line.Content);
        Assert.Equal(Serilog(e, activity), text);
        Assert.Contains($",\"@tr\":\"{activity.TraceId.ToHexString()}\",\"@sp\":\"{activity.SpanId.ToHexString()}\",", text, StringComparison.Ordinal);
    }

    private static RequestAuditEvent Event(string path, string? agent, double duration, double? upstream) => new()
    {
        Time = new DateTimeOffset(2026, 11, 29, 23, 59, 58, 123, TimeSpan.FromHours(2)).AddTicks(4567),
        RequestId = "0192f1c2a3b44c5d8e9f000011112222",
        ClientIp = "2001:db8::1",
        Method = "GET",
        Path = path,
        RouteId = agent is null ? null : "invoices",
        Decision = "allowed",
        Reason = agent is null ? "not_found" : null,
        TokenId = agent is null ? null : 42,
        ClientId = long.MaxValue,
        HashedToken = "q1w2e3r4t5y6u7i8o9p0+/==",
        Status = 200,
        UpstreamStatus = agent is null ? null : 200,
        DurationMs = duration,
        UpstreamDurationMs = upstream,
        UserAgent = agent,
    };

    // The LogEvent that is shipped over OTLP (AuditLog.Properties, redacted, in the trace), as CLEF without its closing
    // brace: the file's line must be exactly this, so the shipped record and the line carry the same fields.
    private static string Serilog(RequestAuditEvent e, Activity? activity)
    {
        var template = new MessageTemplateParser().Parse("{EventType} {Decision} {Reason} {Method} {Path} {Status}");
        var logEvent = activity is null
            ? new LogEvent(e.Time, LogEventLevel.Information, null, template, AuditLog.Properties(e))
            : new LogEvent(e.Time, LogEventLevel.Information, null, template, AuditLog.Properties(e), activity.TraceId, activity.SpanId);
        Redactor.Enrich(logEvent, null!);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        new CompactJsonFormatter().Format(logEvent, text);
        return text.ToString().TrimEnd('\r', '\n')[..^1];
    }
}
