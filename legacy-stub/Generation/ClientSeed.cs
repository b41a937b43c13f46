using LegacyStub.Records;

namespace LegacyStub.Generation;

/// <summary>The hand-written facts about one client; everything else is derived from them.</summary>
internal sealed record ClientSeed(
    ClientProfile Profile,
    decimal TaxRate,
    int InvoiceCount,
    int OrderCount,
    IReadOnlyList<ServiceSeed> Services,
    IReadOnlyList<string> Domains);
