using System.Globalization;
using LegacyStub.Records;

namespace LegacyStub.Generation;

/// <summary>A small, plausible zone per domain, using only documentation addresses (RFC 5737, RFC 3849).</summary>
internal static class DnsZoneGenerator
{
    private const long FirstId = 9001;
    private const int Ttl = 3600;

    public static IReadOnlyDictionary<long, IReadOnlyList<DnsRecord>> Generate(IEnumerable<Domain> domains)
    {
        var nextId = FirstId;
        var zones = new Dictionary<long, IReadOnlyList<DnsRecord>>();
        var ordinal = 0;

        foreach (var domain in domains)
        {
            var web = $"203.0.113.{10 + ordinal}";
            var mail = $"198.51.100.{20 + ordinal}";
            var ipv6 = $"2001:db8:{(ordinal + 1).ToString("x", CultureInfo.InvariantCulture)}::10";

            var records = new List<DnsRecord>
            {
                new(nextId++, "A", "@", web, Ttl, null),
                new(nextId++, "AAAA", "@", ipv6, Ttl, null),
                new(nextId++, "CNAME", "www", domain.Name, Ttl, null),
                new(nextId++, "A", "mail", mail, Ttl, null),
                new(nextId++, "MX", "@", $"mail.{domain.Name}", Ttl, 10),
                new(nextId++, "TXT", "@", $"v=spf1 mx ip4:{mail} -all", Ttl, null),
            };
            if (ordinal % 2 == 0)
            {
                records.Add(new(nextId++, "TXT", "_dmarc", $"v=DMARC1; p=quarantine; rua=mailto:postmaster@{domain.Name}", Ttl, null));
            }

            zones.Add(domain.Id, records);
            ordinal++;
        }

        return zones;
    }
}
