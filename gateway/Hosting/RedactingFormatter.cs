using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;

namespace Gateway.Hosting;

/// <summary>
/// Redacts the whole rendered text of a console line: the properties are redacted already (<see cref="SecretRedactor"/>),
/// but an exception's message and stack (a framework's "invalid request line: …") are only text by then.
/// </summary>
public sealed class RedactingFormatter(ITextFormatter inner, SecretRedactor redactor) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var line = new StringWriter(CultureInfo.InvariantCulture);
        inner.Format(logEvent, line);
        var text = line.ToString();
        output.Write(redactor.Redact(text) ?? text);
    }
}
