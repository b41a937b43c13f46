using LegacyStub.Records;

namespace LegacyStub.Generation;

/// <summary>
/// The hand-written facts about one client; everything else is derived from them. <see cref="Password"/> is
/// the client's billing-portal password in plain text: it lives only here, so the demo and tests can sign
/// in, and the provider keeps nothing but its hash.
/// </summary>
internal sealed record ClientSeed(
    ClientProfile Profile,
    string Password,
    decimal TaxRate,
    int InvoiceCount,
    int OrderCount,
    IReadOnlyList<ServiceSeed> Services,
    IReadOnlyList<string> Domains);
