using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Gateway.Hosting;

/// <summary>
/// The last line behind "never log a secret", for the console log and the audit log alike: every string in a log
/// event — each property, however deeply nested in structures, lists and dictionaries — that contains something
/// token-shaped (a token prefix followed by token characters, also percent-encoded: <c>opt_live_…</c>,
/// <c>opt%5Flive%5F…</c>, <c>opt_admin_…</c>) or a bearer credential has it replaced by <c>[redacted]</c>, whatever
/// component logged it and at whatever level. A hint such as <c>opt_live_…wxyz</c> is not token-shaped and stays.
/// </summary>
public sealed class SecretRedactor : ILogEventEnricher
{
    public const string Redacted = "[redacted]";

    private readonly Regex _secrets;
    private readonly string[] _markers;

    /// <param name="tokenPrefixes">Client token prefixes (<c>Gateway:Tokens:Prefix</c>); admin keys' <c>opt_admin_</c> is always included.</param>
    public SecretRedactor(IEnumerable<string> tokenPrefixes)
    {
        ArgumentNullException.ThrowIfNull(tokenPrefixes);
        var prefixes = tokenPrefixes.Append(Gateway.Staff.AdminKeyService.Prefix).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        // An underscore may come percent-encoded, once or more (%5F, %255F): the path and query are logged escaped.
        var alternatives = prefixes.Select(p => string.Join("(?:_|%(?:25)*5f)", p.Split('_').Select(Regex.Escape)));
        _secrets = new Regex(
            $@"(?:{string.Join('|', alternatives)})[A-Za-z0-9]+|(?<=bearer(?:\s|%20|\+)+)[^\s""',;&]+",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled,
            TimeSpan.FromSeconds(1));
        // A cheap test before the regex: every match starts with a prefix's first part or follows "bearer".
        _markers = prefixes.Select(p => p.Split('_')[0]).Append("bearer").Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    /// <summary>With the default token prefix, for the logger that exists before configuration is read.</summary>
    public static SecretRedactor Default { get; } = new(["opt_live_"]);

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            var redacted = Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                (changed ??= []).Add(new LogEventProperty(name, redacted));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The value with every string in it redacted; the same instance when there was nothing to redact.</summary>
    public LogEventPropertyValue Redact(LogEventPropertyValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case ScalarValue { Value: string text }:
                return Redact(text) is { } redacted ? new ScalarValue(redacted) : value;
            case StructureValue structure:
                var properties = structure.Properties.Select(p => (Property: p, Value: Redact(p.Value))).ToList();
                return properties.All(p => ReferenceEquals(p.Value, p.Property.Value))
                    ? value
                    : new StructureValue(properties.Select(p => new LogEventProperty(p.Property.Name, p.Value)), structure.TypeTag);
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Redact).ToList();
                return elements.Zip(sequence.Elements).All(e => ReferenceEquals(e.First, e.Second)) ? value : new SequenceValue(elements);
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.Select(e => (Key: (ScalarValue)Redact(e.Key), Value: Redact(e.Value))).ToList();
                return entries.Zip(dictionary.Elements).All(e => ReferenceEquals(e.First.Key, e.Second.Key) && ReferenceEquals(e.First.Value, e.Second.Value))
                    ? value
                    : new DictionaryValue(entries.Select(e => new KeyValuePair<ScalarValue, LogEventPropertyValue>(e.Key, e.Value)));
            default:
                return value;
        }
    }

    // Every string of every event passes here: a plain loop, no closure to allocate.
    private bool HasMarker(string text)
    {
        foreach (var marker in _markers)
        {
            if (text.Contains(marker, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The text with secrets replaced, or null when there were none.</summary>
    public string? Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!HasMarker(text))
        {
            return null;
        }

        try
        {
            var redacted = _secrets.Replace(text, Redacted);
            return redacted == text ? null : redacted;
        }
        catch (RegexMatchTimeoutException)
        {
            // Text built to make the pattern slow: none of it is written.
            return Redacted;
        }
    }
}
