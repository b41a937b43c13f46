using System.Text.Json;

namespace Gateway.Audit;

/// <summary>
/// What the audit index keeps of one event to filter and order by: its time, kind, decision, reason or action,
/// token, client and actor. Read from the line's top-level members (and the client of a staff action's
/// <c>After</c>/<c>Before</c>) without building a document.
/// </summary>
public readonly record struct AuditEntry(long Ticks, AuditEntryKind Kind, string? Decision, string? Reason, long? TokenId, long? ClientId, string? Actor)
{
    /// <summary>The entry of a line, or null when it is not a JSON event with a time.</summary>
    public static AuditEntry? Parse(ReadOnlySpan<byte> line)
    {
        try
        {
            return Read(line);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static AuditEntry? Read(ReadOnlySpan<byte> line)
    {
        var reader = new Utf8JsonReader(line);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return null;
        }

        long? ticks = null, token = null, client = null, nestedClient = null;
        string? eventType = null, decision = null, reason = null, action = null, actor = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("@t"u8))
            {
                reader.Read();
                ticks = reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var at) ? at.UtcTicks : null;
            }
            else if (reader.ValueTextEquals("EventType"u8))
            {
                eventType = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("Decision"u8))
            {
                decision = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("Reason"u8))
            {
                reason = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("Action"u8))
            {
                action = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("Actor"u8))
            {
                actor = NextString(ref reader);
            }
            else if (reader.ValueTextEquals("TokenId"u8))
            {
                token ??= NextNumber(ref reader);
            }
            else if (reader.ValueTextEquals("Target"u8))
            {
                // A staff action on a token names it as token:<id>.
                token ??= NextString(ref reader) is { } target && target.StartsWith("token:", StringComparison.Ordinal)
                    && long.TryParse(target.AsSpan(6), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
            }
            else if (reader.ValueTextEquals("ClientId"u8))
            {
                client = NextNumber(ref reader);
            }
            else if (reader.ValueTextEquals("After"u8) || reader.ValueTextEquals("Before"u8))
            {
                reader.Read();
                nestedClient ??= ClientOf(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (ticks is null)
        {
            return null;
        }

        var kind = eventType switch
        {
            "public_request" => AuditEntryKind.Request,
            "staff_action" => AuditEntryKind.Staff,
            _ => AuditEntryKind.Other,
        };
        return new AuditEntry(ticks.Value, kind, decision, reason ?? action, token, client ?? nestedClient, actor);
    }

    private static string? NextString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }

    private static long? NextNumber(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var value))
        {
            return value;
        }

        reader.Skip();
        return null;
    }

    // The reader is on the value of After/Before: its ClientId, if it is an object with one; the value is consumed.
    private static long? ClientOf(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        long? client = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ClientId"u8))
            {
                client = NextNumber(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return client;
    }
}
