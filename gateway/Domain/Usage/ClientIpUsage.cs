namespace Gateway.Usage;

/// <summary>A client address a token was used from: first and last seen (UTC) and how many requests.</summary>
public sealed record ClientIpUsage(string Ip, DateTime FirstSeen, DateTime LastSeen, long Requests);
