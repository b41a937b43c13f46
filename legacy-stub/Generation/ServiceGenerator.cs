using LegacyStub.Records;

namespace LegacyStub.Generation;

internal static class ServiceGenerator
{
    private const long FirstId = 101;

    public static ILookup<long, Service> Generate(IReadOnlyList<ClientSeed> seeds, Random random)
    {
        var today = BillingDataGenerator.Today;
        var nextId = FirstId;
        var services = new List<(long ClientId, Service Service)>();

        foreach (var seed in seeds)
        {
            foreach (var service in seed.Services)
            {
                var day = random.Next(1, 29);
                var nextDue = (service.Status, service.BillingCycle) switch
                {
                    // A cancelled service stopped being billed at its last due date, in the past.
                    ("Cancelled", _) => new DateOnly(today.Year, today.Month, day).AddMonths(-random.Next(12, 36)),
                    (_, "Annually") => new DateOnly(today.Year, today.Month, day).AddMonths(random.Next(1, 12)),
                    _ => NextMonthly(today, day),
                };

                services.Add((seed.Profile.Id, new Service(
                    nextId++,
                    service.Product,
                    service.Domain,
                    service.Status,
                    service.BillingCycle,
                    Money.Format(service.Price),
                    nextDue,
                    $"s{random.Next(10, 60)}.hosting.example.net",
                    service.HasDedicatedIp ? $"203.0.113.{random.Next(10, 250)}" : null)));
            }
        }

        return services.ToLookup(pair => pair.ClientId, pair => pair.Service);
    }

    private static DateOnly NextMonthly(DateOnly today, int day)
    {
        var candidate = new DateOnly(today.Year, today.Month, day);
        return candidate > today ? candidate : candidate.AddMonths(1);
    }
}
