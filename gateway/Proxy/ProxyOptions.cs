namespace Gateway.Proxy;

/// <summary>Settings under <c>Gateway:Proxy</c>: what the backend must never receive from a client.</summary>
public sealed class ProxyOptions
{
    public const string Section = "Gateway:Proxy";

    /// <summary>Query parameters a client could use to pick another client's data; always removed.</summary>
    public List<string> IdentityQueryParameters { get; set; } = ["client_id", "clientid", "userid", "user_id"];

    /// <summary>Headers that ask a backend to treat a GET as another method; always removed.</summary>
    public List<string> MethodOverrideHeaders { get; set; } = ["X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override"];

    /// <summary>
    /// Headers in which proxies and CDNs pass a client's address; a client's own are always removed (in any spelling),
    /// so the backend sees only the gateway's <c>X-Forwarded-For</c>. Entries given here add to these.
    /// </summary>
    public List<string> ClientAddressHeaders { get; set; } =
    [
        "Forwarded", "X-Real-IP", "True-Client-IP", "X-Client-IP", "Client-IP", "X-Cluster-Client-IP", "CF-Connecting-IP",
        "Fastly-Client-IP", "X-Originating-IP", "X-Remote-IP", "X-Remote-Addr", "X-ProxyUser-Ip", "X-Host",
    ];

    /// <summary>Per cluster id of yarp.json: the credential the gateway presents to that backend.</summary>
    public Dictionary<string, BackendCredential> Backends { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
