using Gateway.Hosting;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Telemetry;

/// <summary>
/// Before an event is shipped: its properties are redacted already (<see cref="SecretRedactor"/>), but an exception's
/// message and stack are text the OTLP sink would send as they are (a framework's "invalid request line: …"). An event
/// with an exception goes on without it, carrying the OpenTelemetry <c>exception.*</c> attributes, redacted.
/// </summary>
internal sealed class ExceptionRedactingSink(ILogEventSink inner, SecretRedactor redactor) : ILogEventSink, IDisposable
{
    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        if (logEvent.Exception is not { } exception)
        {
            inner.Emit(logEvent);
            return;
        }

        var properties = logEvent.Properties.Select(p => new LogEventProperty(p.Key, p.Value)).ToList();
        properties.Add(new("exception.type", new ScalarValue(exception.GetType().FullName)));
        properties.Add(new("exception.message", new ScalarValue(Redact(exception.Message))));
        properties.Add(new("exception.stacktrace", new ScalarValue(Redact(exception.ToString()))));
        inner.Emit(new LogEvent(logEvent.Timestamp, logEvent.Level, null, logEvent.MessageTemplate, properties, logEvent.TraceId ?? default, logEvent.SpanId ?? default));
    }

    public void Dispose() => (inner as IDisposable)?.Dispose();

    private string Redact(string text) => redactor.Redact(text) ?? text;
}
