namespace Gateway.Usage;

/// <summary>Requests from one client address within a flush.</summary>
internal readonly record struct ClientIpTally(DateTime FirstSeen, DateTime LastSeen, long Requests)
{
    public ClientIpTally Combine(ClientIpTally other) => new(
        other.FirstSeen < FirstSeen ? other.FirstSeen : FirstSeen,
        other.LastSeen > LastSeen ? other.LastSeen : LastSeen,
        Requests + other.Requests);
}
