using LegacyStub.Records;

namespace LegacyStub;

/// <summary>
/// Everything the backend holds for one client. Lists are kept in the order the API returns them:
/// invoices and orders newest first (id descending), services, domains and DNS records by id ascending.
/// </summary>
public sealed class ClientData
{
    private static readonly IReadOnlyList<DnsRecord> NoRecords = [];

    private readonly Dictionary<long, IReadOnlyList<DnsRecord>> _dnsRecords;

    public ClientData(
        ClientProfile profile,
        IEnumerable<Invoice> invoices,
        IEnumerable<Order> orders,
        IEnumerable<Service> services,
        IEnumerable<Domain> domains,
        IReadOnlyDictionary<long, IReadOnlyList<DnsRecord>> dnsRecords)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(invoices);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(dnsRecords);

        Profile = profile;
        Invoices = [.. invoices.OrderByDescending(i => i.Id)];
        Orders = [.. orders.OrderByDescending(o => o.Id)];
        Services = [.. services.OrderBy(s => s.Id)];
        Domains = [.. domains.OrderBy(d => d.Id)];
        _dnsRecords = dnsRecords.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<DnsRecord>)[.. pair.Value.OrderBy(r => r.Id)]);
    }

    public long Id => Profile.Id;

    public ClientProfile Profile { get; }

    public IReadOnlyList<Invoice> Invoices { get; }

    public IReadOnlyList<Order> Orders { get; }

    public IReadOnlyList<Service> Services { get; }

    public IReadOnlyList<Domain> Domains { get; }

    /// <summary>DNS records keyed by domain id.</summary>
    public IReadOnlyDictionary<long, IReadOnlyList<DnsRecord>> DnsRecords => _dnsRecords;

    /// <summary>The zone of one of this client's domains; empty when the domain has no records.</summary>
    public IReadOnlyList<DnsRecord> DnsFor(long domainId) =>
        _dnsRecords.TryGetValue(domainId, out var records) ? records : NoRecords;
}
