using Gateway.Tokens;

namespace PortalUi;

/// <summary>What each scope of the catalogue lets a token read, in the client's words (seed 002's style).</summary>
public static class ScopeText
{
    public static string Describe(string scope) => scope switch
    {
        ScopeCatalog.AccountRead => "your profile, invoices and orders",
        ScopeCatalog.HostingRead => "your hosting services",
        ScopeCatalog.DomainsRead => "your domains",
        ScopeCatalog.DnsRead => "your domains' DNS records",
        _ => scope,
    };
}
