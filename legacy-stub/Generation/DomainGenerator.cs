using LegacyStub.Records;

namespace LegacyStub.Generation;

internal static class DomainGenerator
{
    private const long FirstId = 201;

    private static readonly IReadOnlyList<string> Nameservers = ["ns1.hosting.example.net", "ns2.hosting.example.net"];

    public static ILookup<long, Domain> Generate(IReadOnlyList<ClientSeed> seeds, Random random)
    {
        var today = BillingDataGenerator.Today;
        var nextId = FirstId;
        var domains = new List<(long ClientId, Domain Domain)>();

        foreach (var seed in seeds)
        {
            var signup = DateOnly.FromDateTime(seed.Profile.CreatedAt.UtcDateTime);
            var maxOffset = Math.Min(400, today.DayNumber - signup.DayNumber);

            foreach (var name in seed.Domains)
            {
                var registered = signup.AddDays(random.Next(0, maxOffset));
                var years = 1;
                while (registered.AddYears(years) <= today)
                {
                    years++;
                }

                // A domain whose hosting was cancelled was left to lapse at its last anniversary.
                var lapsed = seed.Services.Any(s => s.Status == "Cancelled" && s.Domain == name) && years > 1;
                var expiry = registered.AddYears(lapsed ? years - 1 : years);

                domains.Add((seed.Profile.Id, new Domain(
                    nextId++,
                    name,
                    lapsed ? "Expired" : "Active",
                    registered,
                    expiry,
                    !lapsed && random.Next(4) != 0,
                    Nameservers)));
            }
        }

        return domains.ToLookup(pair => pair.ClientId, pair => pair.Domain);
    }
}
