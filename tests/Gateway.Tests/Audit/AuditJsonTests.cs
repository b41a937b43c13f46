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
        var e = new RequestAuditEvent
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

        var line = AuditLine.Rent(awaited: false);
        AuditLog.WriteEvent(line, e, Redactor);

        Assert.Equal(Serilog(e), Encoding.UTF8.GetString(line.Content));
    }

    // What AuditLog wrote through Serilog before: a LogEvent of these properties, redacted, in CLEF, without its closing brace.
    private static string Serilog(RequestAuditEvent e)
    {
        var properties = new List<LogEventProperty>
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
        var template = new MessageTemplateParser().Parse("{EventType} {Decision} {Reason} {Method} {Path} {Status}");
        var logEvent = new LogEvent(e.Time, LogEventLevel.Information, null, template, properties);
        Redactor.Enrich(logEvent, null!);
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        new CompactJsonFormatter().Format(logEvent, text);
        return text.ToString().TrimEnd('\r', '\n')[..^1];
    }
}
