namespace Gateway.Data;

/// <summary>
/// Something that happened to a token or client, written in the same transaction as the change itself
/// (<c>outbox_events</c>). The dispatcher turns each event into deliveries (an e-mail, a webhook per endpoint).
/// Never a secret: the data holds what staff may see of a token, no plaintext and no hash.
/// </summary>
public sealed class OutboxEvent
{
    public long Id { get; set; }

    /// <summary>The event's public id (<c>evt_…</c>), sent in webhooks and mail headers so receivers can de-duplicate.</summary>
    public required string PublicId { get; set; }

    /// <summary>Unique: the same key is never written twice (an expiry notice per token, day and kind).</summary>
    public required string Key { get; set; }

    /// <summary><c>token.created</c>, <c>token.leaked</c>, … (see <see cref="Gateway.Notices.NoticeEventTypes"/>).</summary>
    public required string Type { get; set; }

    public long ClientId { get; set; }

    /// <summary>The token the event is about; cleared when the token is deleted (the event keeps its own copy in <see cref="Data"/>).</summary>
    public long? TokenId { get; set; }

    /// <summary>The event's data as JSON (the token's view at the time, the actor, and the event's own details).</summary>
    public required string Data { get; set; }

    public DateTime OccurredAt { get; set; }

    /// <summary>When the dispatcher turned the event into deliveries; null until then.</summary>
    public DateTime? DispatchedAt { get; set; }

    public List<OutboxDelivery> Deliveries { get; set; } = [];
}
