namespace LegacyStub.Generation;

/// <summary>Builds the default data set from <see cref="SeedCatalog"/> with a fixed seed and a fixed "today".</summary>
internal static class BillingDataGenerator
{
    /// <summary>
    /// The date the data set is "as of". Fixed, so statuses such as Overdue and every next-due date
    /// stay consistent with each other on every run instead of drifting with the wall clock.
    /// </summary>
    public static readonly DateOnly Today = new(2025, 6, 20);

    // System.Random with an explicit seed uses the legacy algorithm, whose sequence .NET keeps stable.
    private const int Seed = 20250620;

    public static BillingData Generate()
    {
        var random = new Random(Seed);
        var seeds = SeedCatalog.Clients;

        var services = ServiceGenerator.Generate(seeds, random);
        var domains = DomainGenerator.Generate(seeds, random);
        var zones = DnsZoneGenerator.Generate(seeds.SelectMany(seed => domains[seed.Profile.Id]));
        var invoices = InvoiceGenerator.Generate(seeds, services, domains, random);
        var orders = OrderGenerator.Generate(seeds, invoices, random);

        return new BillingData(seeds.Select(seed =>
        {
            var id = seed.Profile.Id;
            return new ClientData(
                seed.Profile,
                invoices[id],
                orders[id],
                services[id],
                domains[id],
                domains[id].ToDictionary(domain => domain.Id, domain => zones[domain.Id]));
        }));
    }
}
