using Gateway.Hosting;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Telemetry;

/// <summary>
/// What an OTLP log stream ships: its own copy of each event, taken when the event is written, so nothing another sink
/// may do to the event after this sink returns (a sink on another thread) can race the exporter's batch thread or
/// be shipped. The properties are redacted already (<see cref="SecretRedactor"/>), but an exception's message and stack
/// are text the exporter would send as they are (a framework's "invalid request line: …"): the copy carries the
/// OpenTelemetry <c>exception.*</c> attributes instead, redacted.
/// </summary>
internal sealed class ShippedEventSink(ILogEventSink inner, SecretRedactor redactor) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var properties = new List<LogEventProperty>(logEvent.Properties.Count + 3);
        foreach (var (name, value) in logEvent.Properties)
        {
            properties.Add(new LogEventProperty(name, value));
        }

        if (logEvent.Exception is { } exception)
        {
            properties.Add(new("exception.type", new ScalarValue(exception.GetType().FullName)));
            properties.Add(new("exception.message", new ScalarValue(Redact(exception.Message))));
            properties.Add(new("exception.stacktrace", new ScalarValue(Redact(exception.ToString()))));
        }

        inner.Emit(new LogEvent(logEvent.Timestamp, logEvent.Level, null, logEvent.MessageTemplate, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default));
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private string Redact(string text) => redactor.Redact(text) ?? text;
}
