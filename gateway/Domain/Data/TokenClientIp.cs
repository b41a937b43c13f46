namespace Gateway.Data;

/// <summary>A client address a token was used from, with when it was first and last seen (<c>token_client_ips</c>).</summary>
public sealed class TokenClientIp
{
    public long TokenId { get; set; }

    /// <summary>The address as text; an IPv4-mapped IPv6 address is stored as IPv4.</summary>
    public required string Ip { get; set; }

    public DateTime FirstSeen { get; set; }

    public DateTime LastSeen { get; set; }

    public long Requests { get; set; }
}
