using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Hosting;

/// <summary>
/// A last line behind "never log a secret": any logged string value that contains a token
/// (<c>opt_live_…</c>, <c>opt_admin_…</c>) or a bearer credential has it replaced by <c>[redacted]</c>,
/// whatever component logged it and at whatever level.
/// </summary>
public sealed partial class SecretRedactor : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach (var (name, value) in logEvent.Properties)
        {
            if (value is ScalarValue { Value: string text } && Redact(text) is { } redacted)
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(redacted)));
            }
        }
    }

    /// <summary>The text with secrets replaced, or null when there were none.</summary>
    public static string? Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains("opt_", StringComparison.OrdinalIgnoreCase) && !text.Contains("bearer", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var redacted = Secrets().Replace(text, "[redacted]");
        return ReferenceEquals(redacted, text) || redacted == text ? null : redacted;
    }

    [GeneratedRegex(@"(?i)(opt_(live|admin)_[A-Za-z0-9]*)|((?<=bearer\s+)\S+)")]
    private static partial Regex Secrets();
}
