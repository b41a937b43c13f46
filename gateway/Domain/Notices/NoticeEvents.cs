using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Data;
using Gateway.Tokens;

namespace Gateway.Notices;

/// <summary>
/// Writes token events into the outbox, in the caller's context so they commit (or not) with the change itself.
/// The data is the token as staff see it — never the plaintext, never the hash.
/// </summary>
public sealed class NoticeEvents(TokenLifetime lifetime, OutboxSignal signal)
{
    /// <summary>JSON of event data: snake_case, as webhooks carry it.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Adds an event for <paramref name="token"/>; <paramref name="key"/> makes it once-only (default: unique).</summary>
    public OutboxEvent Add(GatewayDbContext context, string type, TokenView token, string actor, object? details = null, string? key = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(token);
        var publicId = NewId();
        var data = new NoticeData(TokenSummary.From(token), actor, details);
        var e = new OutboxEvent
        {
            PublicId = publicId,
            Key = key ?? publicId,
            Type = type,
            ClientId = token.ClientId,
            TokenId = token.Id,
            Data = JsonSerializer.Serialize(data, Json),
            OccurredAt = lifetime.UtcNow,
        };
        context.OutboxEvents.Add(e);
        return e;
    }

    /// <summary>Adds an event about a client's state (suspended, resumed, closed); it names no token.</summary>
    public OutboxEvent AddClient(GatewayDbContext context, string type, long clientId, string state, string? reason, string actor)
    {
        ArgumentNullException.ThrowIfNull(context);
        var publicId = NewId();
        var data = new ClientNoticeData(new ClientSummary(clientId, state, reason), actor);
        var e = new OutboxEvent
        {
            PublicId = publicId,
            Key = publicId,
            Type = type,
            ClientId = clientId,
            Data = JsonSerializer.Serialize(data, Json),
            OccurredAt = lifetime.UtcNow,
        };
        context.OutboxEvents.Add(e);
        return e;
    }

    /// <summary>Tells this process's dispatcher that events were committed.</summary>
    public void Committed() => signal.Notify();

    private static string NewId() =>
        "evt_" + RandomNumberGenerator.GetString("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", 24);
}
