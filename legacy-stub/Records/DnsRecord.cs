namespace LegacyStub.Records;

/// <summary>A DNS zone record of one domain; <see cref="Priority"/> is set for MX records only.</summary>
public sealed record DnsRecord(
    long Id,
    string Type,
    string Name,
    string Content,
    int Ttl,
    int? Priority);
