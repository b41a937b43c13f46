namespace Gateway.Hosting;

/// <summary>
/// Settings under <c>Gateway:TrustedProxies</c>: the load balancers whose <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> the gateway believes. None by default, so a client cannot claim another address.
/// </summary>
public sealed class TrustedProxyOptions
{
    public const string Section = "Gateway:TrustedProxies";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> Addresses { get; set; } = [];

    /// <summary>CIDR ranges of trusted proxies, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> Networks { get; set; } = [];

    /// <summary>How many proxies deep to read <c>X-Forwarded-For</c> (one per trusted hop).</summary>
    public int ForwardLimit { get; set; } = 1;
}
