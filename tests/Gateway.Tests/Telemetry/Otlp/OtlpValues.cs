using Google.Protobuf;
using Google.Protobuf.Collections;

namespace Gateway.Tests.Telemetry.Otlp;

/// <summary>Reading decoded OTLP: attributes by key, ids as the lowercase hex the W3C headers use.</summary>
public static class OtlpValues
{
    public static AnyValue? Attribute(this RepeatedField<KeyValue> attributes, string key) =>
        attributes.FirstOrDefault(a => a.Key == key)?.Value;

    public static string? Text(this RepeatedField<KeyValue> attributes, string key) => attributes.Attribute(key) switch
    {
        null => null,
        { ValueCase: AnyValue.ValueOneofCase.StringValue } value => value.StringValue,
        { ValueCase: AnyValue.ValueOneofCase.IntValue } value => value.IntValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        var other => other.ToString(),
    };

    public static string Hex(this ByteString id) => Convert.ToHexStringLower(id.Span);
}
