using System.Net;

namespace LegacyStub.Tests.Api;

public sealed class ClientScopeTests(StubFixture stub) : IClassFixture<StubFixture>
{
    public static TheoryData<long> ClientIds => [.. BillingData.Default.ClientIds];

    [Theory]
    [MemberData(nameof(ClientIds))]
    public async Task Me_EachClient_ReturnsOwnProfile(long clientId)
    {
        var profile = BillingData.Default.ForClient(clientId)!.Profile;

        var data = (await stub.GetJsonAsync("/api/v1/me", clientId)).GetProperty("data");

        Assert.Equal(clientId, data.GetProperty("id").GetInt64());
        Assert.Equal(profile.Email, data.GetProperty("email").GetString());
        Assert.Equal(profile.CurrencyCode, data.GetProperty("currency_code").GetString());
    }

    [Fact]
    public async Task Me_ClientIdQueryParameter_IsIgnored()
    {
        var data = (await stub.GetJsonAsync("/api/v1/me?client_id=2&userid=3", clientId: 1)).GetProperty("data");

        Assert.Equal(1, data.GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task InvoiceDetail_OwnInvoice_ReturnsIt()
    {
        var invoice = BillingData.Default.ForClient(1)!.Invoices[^1];

        var data = (await stub.GetJsonAsync($"/api/v1/invoices/{invoice.Id}")).GetProperty("data");

        Assert.Equal(invoice.Id, data.GetProperty("id").GetInt64());
        Assert.Equal(invoice.InvoiceNum, data.GetProperty("invoice_num").GetString());
        Assert.Equal(invoice.Total, data.GetProperty("total").GetString());
        Assert.Equal(invoice.Items.Count, data.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task InvoiceDetail_AnotherClientsInvoice_Returns404()
    {
        var othersInvoice = BillingData.Default.ForClient(1)!.Invoices[0].Id;

        using var response = await stub.SendAsync($"/api/v1/invoices/{othersInvoice}", clientId: 2);

        await AssertNotFoundAsync(response);
    }

    [Theory]
    [InlineData("/api/v1/invoices/1")]
    [InlineData("/api/v1/invoices/abc")]
    [InlineData("/api/v1/invoices/-1001")]
    [InlineData("/api/v1/invoices/99999999999999999999")]
    [InlineData("/api/v1/orders/0")]
    [InlineData("/api/v1/services/1.5")]
    [InlineData("/api/v1/domains/x")]
    public async Task Detail_MissingOrNonNumericId_Returns404(string path)
    {
        using var response = await stub.SendAsync(path);

        await AssertNotFoundAsync(response);
    }

    [Theory]
    [InlineData("orders")]
    [InlineData("services")]
    [InlineData("domains")]
    public async Task Detail_AnotherClientsRecord_Returns404(string resource)
    {
        var owner = BillingData.Default.ForClient(2)!;
        var id = resource switch
        {
            "orders" => owner.Orders[0].Id,
            "services" => owner.Services[0].Id,
            _ => owner.Domains[0].Id,
        };

        using var own = await stub.SendAsync($"/api/v1/{resource}/{id}", clientId: 2);
        using var foreign = await stub.SendAsync($"/api/v1/{resource}/{id}", clientId: 1);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        await AssertNotFoundAsync(foreign);
    }

    [Fact]
    public async Task Dns_OwnDomain_ListsItsRecords()
    {
        var client = BillingData.Default.ForClient(1)!;
        var domain = client.Domains[0];

        var body = await stub.GetJsonAsync($"/api/v1/domains/{domain.Id}/dns");

        var ids = body.GetProperty("data").EnumerateArray().Select(record => record.GetProperty("id").GetInt64());
        Assert.Equal(client.DnsFor(domain.Id).Select(record => record.Id), ids);
        Assert.Equal(client.DnsFor(domain.Id).Count, body.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Dns_AnotherClientsDomain_Returns404()
    {
        var othersDomain = BillingData.Default.ForClient(1)!.Domains[0].Id;

        using var response = await stub.SendAsync($"/api/v1/domains/{othersDomain}/dns", clientId: 2);

        await AssertNotFoundAsync(response);
    }

    private static async Task AssertNotFoundAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await StubFixture.ReadJsonAsync(response);
        Assert.Equal("Not found.", body.GetProperty("message").GetString());
    }
}
