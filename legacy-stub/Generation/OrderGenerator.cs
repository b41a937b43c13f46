using System.Globalization;
using LegacyStub.Records;

namespace LegacyStub.Generation;

/// <summary>Orders spread over each client's invoice history; each points at the invoice it raised.</summary>
internal static class OrderGenerator
{
    private const long FirstId = 501;

    private static readonly IReadOnlyList<string> PaymentMethods = ["stripe", "paypal", "banktransfer"];

    public static ILookup<long, Order> Generate(IReadOnlyList<ClientSeed> seeds, ILookup<long, Invoice> invoices, Random random)
    {
        var drafts = new List<(long ClientId, Invoice Invoice, string Method, string Number)>();
        foreach (var seed in seeds)
        {
            var history = invoices[seed.Profile.Id].OrderBy(invoice => invoice.Id).ToList();
            for (var k = 0; k < seed.OrderCount && history.Count > 0; k++)
            {
                var invoice = history[k * history.Count / seed.OrderCount];
                var method = PaymentMethods[random.Next(PaymentMethods.Count)];
                var number = random.NextInt64(1_000_000_000, 10_000_000_000).ToString(CultureInfo.InvariantCulture);
                drafts.Add((seed.Profile.Id, invoice, method, number));
            }
        }

        var nextId = FirstId;
        return drafts
            .OrderBy(draft => draft.Invoice.Date)
            .ThenBy(draft => draft.ClientId)
            .Select(draft => (draft.ClientId, Order: new Order(
                nextId++,
                draft.Number,
                draft.Invoice.Date,
                StatusOf(draft.Invoice),
                draft.Invoice.Total,
                draft.Method,
                draft.Invoice.Id)))
            .ToList()
            .ToLookup(pair => pair.ClientId, pair => pair.Order);
    }

    private static string StatusOf(Invoice invoice) => invoice.Status switch
    {
        "Paid" => "Active",
        "Cancelled" => "Cancelled",
        _ => "Pending",
    };
}
