using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gateway.Hosting;
using Serilog.Formatting.Json;

namespace Gateway.Audit;

/// <summary>
/// Writes an event's CLEF JSON straight into an <see cref="AuditLine"/> as UTF-8, byte for byte as Serilog's
/// <c>CompactJsonFormatter</c> writes the same event (strings escaped as its <see cref="JsonValueFormatter"/> does,
/// numbers invariant, doubles round-trippable), but without a <c>LogEvent</c>, its properties, a text writer or any
/// intermediate string. Every string passes the <see cref="SecretRedactor"/>, as every string of every event does.
/// </summary>
internal static class AuditJson
{
    private static readonly SearchValues<char> NeedsEscape = SearchValues.Create(
        "\"\\\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    /// <summary><c>{"@t":"…","@mt":"…"</c>: the timestamp (UTC, round-trip format) and the message template.</summary>
    public static void Start(AuditLine line, DateTimeOffset time, string template)
    {
        line.Write("{\"@t\":\""u8);
        var span = line.GetSpan(40);
        time.UtcDateTime.TryFormat(span, out var written, "O", CultureInfo.InvariantCulture);
        line.Advance(written);
        line.Write("\",\"@mt\":"u8);
        String(line, template);
    }

    /// <summary><c>,"@tr":"…","@sp":"…"</c>: the trace and span the event belongs to, in lowercase hex.</summary>
    public static void Trace(AuditLine line, ActivityTraceId trace, ActivitySpanId span)
    {
        line.Write(",\"@tr\":\""u8);
        Hex(line, trace.ToHexString());
        line.Write("\",\"@sp\":\""u8);
        Hex(line, span.ToHexString());
        line.Write("\""u8);
    }

    /// <summary><c>,"name":"value"</c>, the value redacted; <c>null</c> for none.</summary>
    public static void Property(AuditLine line, ReadOnlySpan<byte> name, string? value, SecretRedactor redactor)
    {
        Name(line, name);
        if (value is null)
        {
            line.Write("null"u8);
            return;
        }

        String(line, redactor.Redact(value) ?? value);
    }

    /// <summary><c>,"name":123</c>; <c>null</c> for none.</summary>
    public static void Property(AuditLine line, ReadOnlySpan<byte> name, long? value)
    {
        Name(line, name);
        if (value is not { } number)
        {
            line.Write("null"u8);
            return;
        }

        number.TryFormat(line.GetSpan(20), out var written, default, CultureInfo.InvariantCulture);
        line.Advance(written);
    }

    /// <summary><c>,"name":1.234</c> (round-trip format, as Serilog writes a double); <c>null</c> for none.</summary>
    public static void Property(AuditLine line, ReadOnlySpan<byte> name, double? value)
    {
        Name(line, name);
        if (value is not { } number)
        {
            line.Write("null"u8);
            return;
        }

        if (!double.IsFinite(number))
        {
            String(line, number.ToString(CultureInfo.InvariantCulture));
            return;
        }

        number.TryFormat(line.GetSpan(32), out var written, "R", CultureInfo.InvariantCulture);
        line.Advance(written);
    }

    private static void Name(AuditLine line, ReadOnlySpan<byte> name)
    {
        line.Write(",\""u8);
        line.Write(name);
        line.Write("\":"u8);
    }

    /// <summary>A quoted JSON string: as it is when nothing needs escaping (the usual case), else escaped by Serilog itself.</summary>
    private static void String(AuditLine line, string text)
    {
        if (text.AsSpan().ContainsAny(NeedsEscape))
        {
            using var escaped = new StringWriter(CultureInfo.InvariantCulture);
            JsonValueFormatter.WriteQuotedJsonString(text, escaped);
            Utf8(line, escaped.ToString());
            return;
        }

        line.Write("\""u8);
        Utf8(line, text);
        line.Write("\""u8);
    }

    private static void Hex(AuditLine line, string hex) => line.Advance(Encoding.ASCII.GetBytes(hex, line.GetSpan(hex.Length)));

    private static void Utf8(AuditLine line, string text)
    {
        var written = Encoding.UTF8.GetBytes(text, line.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length)));
        line.Advance(written);
    }
}
