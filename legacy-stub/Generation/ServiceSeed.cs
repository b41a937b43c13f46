namespace LegacyStub.Generation;

/// <summary>A product a seeded client subscribes to.</summary>
internal sealed record ServiceSeed(
    string Product,
    string Domain,
    string BillingCycle,
    decimal Price,
    string Status,
    bool HasDedicatedIp);
