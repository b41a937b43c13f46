namespace Gateway.Tokens;

/// <summary>The scopes a token can hold: reads only, as DESIGN §4 seeds them.</summary>
public static class ScopeCatalog
{
    public const string AccountRead = "account:read";
    public const string HostingRead = "hosting:read";
    public const string DomainsRead = "domains:read";
    public const string DnsRead = "dns:read";

    public static IReadOnlyList<string> All { get; } = [AccountRead, HostingRead, DomainsRead, DnsRead];

    public static bool Contains(string scope) => All.Contains(scope, StringComparer.Ordinal);
}
