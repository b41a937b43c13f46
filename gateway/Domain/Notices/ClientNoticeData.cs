namespace Gateway.Notices;

/// <summary>What a client event says: the client's new state and who changed it.</summary>
public sealed record ClientNoticeData(ClientSummary Client, string Actor);

/// <summary>A client as its events describe it.</summary>
public sealed record ClientSummary(long Id, string State, string? Reason);
