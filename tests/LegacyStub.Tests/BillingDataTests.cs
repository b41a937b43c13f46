using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using LegacyStub.Records;

namespace LegacyStub.Tests;

public sealed partial class BillingDataTests
{
    private static readonly BillingData Data = BillingData.Default;

    private static readonly string[] InvoiceStatuses = ["Paid", "Unpaid", "Cancelled", "Overdue"];

    // RFC 5737 and RFC 3849 documentation ranges.
    private static readonly IPNetwork[] DocumentationRanges =
    [
        IPNetwork.Parse("192.0.2.0/24"),
        IPNetwork.Parse("198.51.100.0/24"),
        IPNetwork.Parse("203.0.113.0/24"),
        IPNetwork.Parse("2001:db8::/32"),
    ];

    private static IEnumerable<ClientData> Clients => Data.ClientIds.Select(id => Data.ForClient(id)!);

    [Fact]
    public void CreateDefault_TwoInstances_AreEqual()
    {
        var first = BillingData.CreateDefault();
        var second = BillingData.CreateDefault();

        Assert.NotSame(first, second);
        Assert.Equal(Snapshot(first), Snapshot(second));
        Assert.Equal(Snapshot(Data), Snapshot(first));
    }

    [Fact]
    public void Default_ClientOne_HasEnoughRecordsForRealPagination()
    {
        var client = Data.ForClient(1)!;

        Assert.True(Data.ClientIds.Count >= 4);
        Assert.True(client.Invoices.Count >= 65);
        Assert.InRange(client.Orders.Count, 10, 15);
        Assert.InRange(client.Services.Count, 4, 6);
        Assert.True(client.Domains.Count >= 4);
        Assert.All(client.Domains, domain => Assert.True(client.DnsFor(domain.Id).Count >= 3));
    }

    [Fact]
    public void Default_OtherClients_HaveFewerRecords()
    {
        var first = Data.ForClient(1)!;

        Assert.All(Clients.Skip(1), client =>
        {
            Assert.True(client.Invoices.Count < first.Invoices.Count);
            Assert.True(client.Orders.Count < first.Orders.Count);
        });
    }

    [Fact]
    public void Default_RecordIds_AreUniqueAcrossClients()
    {
        AssertUnique(Clients.SelectMany(c => c.Invoices).Select(i => i.Id));
        AssertUnique(Clients.SelectMany(c => c.Orders).Select(o => o.Id));
        AssertUnique(Clients.SelectMany(c => c.Services).Select(s => s.Id));
        AssertUnique(Clients.SelectMany(c => c.Domains).Select(d => d.Id));
        AssertUnique(Clients.SelectMany(c => c.DnsRecords.Values.SelectMany(zone => zone)).Select(r => r.Id));
    }

    [Fact]
    public void Default_Invoices_AddUpAndUseKnownStatuses()
    {
        Assert.All(Clients.SelectMany(c => c.Invoices), invoice =>
        {
            Assert.Contains(invoice.Status, InvoiceStatuses);
            Assert.NotEmpty(invoice.Items);
            Assert.Equal(Amount(invoice.Subtotal), invoice.Items.Sum(item => Amount(item.Amount)));
            Assert.Equal(Amount(invoice.Total), Amount(invoice.Subtotal) + Amount(invoice.Tax));
            Assert.Equal(invoice.Status == "Paid", invoice.DatePaid is not null);
        });
    }

    [Fact]
    public void Default_Orders_PointAtTheirOwnClientsInvoices()
    {
        Assert.All(Clients, client => Assert.All(client.Orders, order =>
            Assert.Contains(client.Invoices, invoice => invoice.Id == order.InvoiceId)));
    }

    [Fact]
    public void Default_Addresses_AreDocumentationOnly()
    {
        var addresses = Clients.SelectMany(c => c.Services).Select(s => s.DedicatedIp).OfType<string>()
            .Concat(Clients.SelectMany(c => c.DnsRecords.Values.SelectMany(zone => zone))
                .Where(r => r.Type is "A" or "AAAA").Select(r => r.Content));

        Assert.All(addresses, address => Assert.True(IsDocumentationAddress(IPAddress.Parse(address)), address));
    }

    [Fact]
    public void Default_DomainsAndEmails_UseReservedExampleNames()
    {
        var names = Clients.SelectMany(c => c.Domains).Select(d => d.Name)
            .Concat(Clients.SelectMany(c => c.Services).Select(s => s.Domain))
            .Concat(Clients.Select(c => c.Profile.Email.Split('@')[1]));

        Assert.All(names, name => Assert.Matches(ExampleName(), name));
    }

    [Fact]
    public void Default_Money_IsTwoDecimalString()
    {
        var amounts = Clients.SelectMany(c => c.Invoices).SelectMany(i => new[] { i.Subtotal, i.Tax, i.Total })
            .Concat(Clients.SelectMany(c => c.Orders).Select(o => o.Amount))
            .Concat(Clients.SelectMany(c => c.Services).Select(s => s.RecurringAmount));

        Assert.All(amounts, amount => Assert.Matches(MoneyFormat(), amount));
    }

    private static string Snapshot(BillingData data) =>
        JsonSerializer.Serialize(data.ClientIds.Select(id => data.ForClient(id)));

    private static void AssertUnique(IEnumerable<long> ids)
    {
        var list = ids.ToList();
        Assert.Equal(list.Count, list.Distinct().Count());
    }

    private static decimal Amount(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    private static bool IsDocumentationAddress(IPAddress address) =>
        DocumentationRanges.Any(range => range.Contains(address));

    [GeneratedRegex(@"(^|\.)example\.(com|net|org)$")]
    private static partial Regex ExampleName();

    [GeneratedRegex(@"^\d+\.\d{2}$")]
    private static partial Regex MoneyFormat();
}
