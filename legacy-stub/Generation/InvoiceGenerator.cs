using System.Globalization;
using LegacyStub.Records;

namespace LegacyStub.Generation;

/// <summary>
/// One invoice a month per client, newest dated this month. Ids are handed out across all clients
/// in date order, like an auto-increment column would, so neighbouring ids belong to different clients.
/// </summary>
internal static class InvoiceGenerator
{
    private const long FirstId = 1001;
    private const int PaymentTermDays = 30;
    private const decimal DomainRenewalPrice = 14.99m;

    private sealed record Draft(long ClientId, DateOnly Date, string Status, DateOnly? DatePaid, IReadOnlyList<InvoiceItem> Items, decimal Subtotal, decimal Tax, string Currency);

    public static ILookup<long, Invoice> Generate(
        IReadOnlyList<ClientSeed> seeds, ILookup<long, Service> services, ILookup<long, Domain> domains, Random random)
    {
        var drafts = new List<Draft>();
        foreach (var seed in seeds)
        {
            drafts.AddRange(Drafts(seed, services[seed.Profile.Id], domains[seed.Profile.Id], random));
        }

        var nextId = FirstId;
        return drafts
            .OrderBy(draft => draft.Date)
            .ThenBy(draft => draft.ClientId)
            .Select(draft =>
            {
                var id = nextId++;
                return (draft.ClientId, Invoice: new Invoice(
                    id,
                    $"INV-{draft.Date.Year}-{id:D5}",
                    draft.Date,
                    draft.Date.AddDays(PaymentTermDays),
                    draft.DatePaid,
                    draft.Status,
                    Money.Format(draft.Subtotal),
                    Money.Format(draft.Tax),
                    Money.Format(draft.Subtotal + draft.Tax),
                    draft.Currency,
                    draft.Items));
            })
            .ToList()
            .ToLookup(pair => pair.ClientId, pair => pair.Invoice);
    }

    private static IEnumerable<Draft> Drafts(ClientSeed seed, IEnumerable<Service> services, IEnumerable<Domain> domains, Random random)
    {
        var today = BillingDataGenerator.Today;
        var count = seed.InvoiceCount;

        // Days 1..19 keep this month's invoice on or before "today".
        var day = 1 + (int)(seed.Profile.Id * 5 % 19);
        var first = new DateOnly(today.Year, today.Month, day).AddMonths(-(count - 1));

        for (var index = 0; index < count; index++)
        {
            var date = first.AddMonths(index);
            var fromNewest = count - 1 - index;
            var status = fromNewest switch
            {
                0 => "Unpaid",
                1 when count >= 10 => "Overdue",
                _ when index % 13 == 7 => "Cancelled",
                _ => "Paid",
            };
            DateOnly? paid = status == "Paid" ? date.AddDays(random.Next(0, 12)) : null;

            var items = Items(date, services, domains);
            var subtotal = items.Sum(item => decimal.Parse(item.Amount, CultureInfo.InvariantCulture));
            var tax = Money.Round(subtotal * seed.TaxRate);

            yield return new Draft(seed.Profile.Id, date, status, paid, items, subtotal, tax, seed.Profile.CurrencyCode);
        }
    }

    private static List<InvoiceItem> Items(DateOnly date, IEnumerable<Service> services, IEnumerable<Domain> domains)
    {
        var items = new List<InvoiceItem>();
        foreach (var service in services)
        {
            // Cancelled services were billed until their last due date only.
            if (service.Status == "Cancelled" && date >= service.NextDueDate)
            {
                continue;
            }

            var months = service.BillingCycle == "Annually" ? 12 : 1;
            if (months == 12 && date.Month != service.NextDueDate.Month)
            {
                continue;
            }

            var amount = decimal.Parse(service.RecurringAmount, CultureInfo.InvariantCulture);
            items.Add(new InvoiceItem($"{service.Product} - {service.Domain} ({Period(date, months)})", Money.Format(amount)));
        }

        foreach (var domain in domains)
        {
            if (date.Month == domain.RegistrationDate.Month && date > domain.RegistrationDate && date < domain.ExpiryDate)
            {
                items.Add(new InvoiceItem($"Domain Renewal - {domain.Name} - 1 Year ({Period(date, 12)})", Money.Format(DomainRenewalPrice)));
            }
        }

        return items;
    }

    private static string Period(DateOnly from, int months) =>
        $"{from:yyyy-MM-dd} - {from.AddMonths(months).AddDays(-1):yyyy-MM-dd}";
}
