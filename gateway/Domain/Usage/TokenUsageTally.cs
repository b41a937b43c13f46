using System.Net;

namespace Gateway.Usage;

/// <summary>
/// One token's requests gathered between two flushes: the latest use, and counts per UTC day and per client
/// address. Not thread-safe; <see cref="UsageBatch"/> serialises access.
/// </summary>
internal sealed class TokenUsageTally
{
    /// <summary>
    /// Distinct client addresses tracked per token per flush. It keeps memory bounded between flushes however many
    /// addresses a token is used from: past the cap, requests from addresses not yet tracked count toward the
    /// token's daily totals only, and do not appear in its client-address history.
    /// </summary>
    public const int MaxClientIps = 1000;

    private readonly Dictionary<DateOnly, long> _days = [];
    private readonly Dictionary<IPAddress, ClientIpTally> _clientIps = [];

    public DateTime LastUsedAt { get; private set; } = DateTime.MinValue;

    public IPAddress? LastUsedIp { get; private set; }

    /// <summary>Requests per UTC day.</summary>
    public IReadOnlyDictionary<DateOnly, long> Days => _days;

    /// <summary>Requests per client address, normalised (see <see cref="Gateway.Tokens.ClientAddress.Normalize"/>).</summary>
    public IReadOnlyDictionary<IPAddress, ClientIpTally> ClientIps => _clientIps;

    public void Add(DateTime at, IPAddress? client)
    {
        var address = client is null ? null : Gateway.Tokens.ClientAddress.Normalize(client);
        if (at >= LastUsedAt)
        {
            LastUsedAt = at;
            LastUsedIp = address;
        }

        var day = DateOnly.FromDateTime(at);
        _days[day] = _days.GetValueOrDefault(day) + 1;
        if (address is not null)
        {
            AddClient(address, new ClientIpTally(at, at, 1));
        }
    }

    /// <summary>Folds in a tally that could not be written; the latest use still wins.</summary>
    public void Merge(TokenUsageTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.LastUsedAt > LastUsedAt)
        {
            LastUsedAt = other.LastUsedAt;
            LastUsedIp = other.LastUsedIp;
        }

        foreach (var (day, requests) in other._days)
        {
            _days[day] = _days.GetValueOrDefault(day) + requests;
        }

        foreach (var (address, seen) in other._clientIps)
        {
            AddClient(address, seen);
        }
    }

    private void AddClient(IPAddress address, ClientIpTally seen)
    {
        if (_clientIps.TryGetValue(address, out var known))
        {
            _clientIps[address] = known.Combine(seen);
        }
        else if (_clientIps.Count < MaxClientIps)
        {
            _clientIps[address] = seen;
        }
    }
}
