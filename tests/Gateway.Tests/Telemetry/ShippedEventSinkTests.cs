using Gateway.Hosting;
using Gateway.Telemetry;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace Gateway.Tests.Telemetry;

public sealed class ShippedEventSinkTests
{
    private const string Token = "opt_live_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab";

    [Fact]
    public void Emit_ExceptionWithToken_ShippedWithoutExceptionAndWithRedactedExceptionAttributes()
    {
        var shipped = new List<LogEvent>();
        var sink = new ShippedEventSink(new Collect(shipped), new SecretRedactor(["opt_live_"]));
        var original = Event(new InvalidOperationException($"bad request line: GET /api/v1/me?token={Token}"));

        sink.Emit(original);

        var copy = Assert.Single(shipped);
        Assert.Null(copy.Exception);
        Assert.Equal("System.InvalidOperationException", ((ScalarValue)copy.Properties["exception.type"]).Value);
        Assert.Contains(SecretRedactor.Redacted, (string)((ScalarValue)copy.Properties["exception.message"]).Value!, StringComparison.Ordinal);
        Assert.DoesNotContain(copy.Properties.Values, v => v.ToString().Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public void Emit_EventChangedAfterwards_ShippedCopyKeepsWhatWasWritten()
    {
        // The audit chain adds its links to the event on its writer thread, after the shipping sink saw it.
        var shipped = new List<LogEvent>();
        var sink = new ShippedEventSink(new Collect(shipped), new SecretRedactor(["opt_live_"]));
        var original = Event(null);

        sink.Emit(original);
        original.AddOrUpdateProperty(new LogEventProperty("PrevMac", new ScalarValue("link")));

        Assert.False(Assert.Single(shipped).Properties.ContainsKey("PrevMac"));
        Assert.Equal("public_request", ((ScalarValue)shipped[0].Properties["EventType"]).Value);
    }

    private static LogEvent Event(Exception? exception) => new(
        DateTimeOffset.UnixEpoch,
        LogEventLevel.Warning,
        exception,
        new MessageTemplateParser().Parse("{EventType}"),
        [new LogEventProperty("EventType", new ScalarValue("public_request"))]);

    private sealed class Collect(List<LogEvent> into) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => into.Add(logEvent);
    }
}
