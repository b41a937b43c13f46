using System.Text.Json;

namespace LegacyStub.Tests.Api;

public sealed class PaginationTests(StubFixture stub) : IClassFixture<StubFixture>
{
    [Fact]
    public async Task Invoices_ThreePagesOfClientOne_MetaAndDataAddUp()
    {
        var expected = BillingData.Default.ForClient(1)!.Invoices;
        Assert.InRange(expected.Count, 51, 75);
        var seen = new List<long>();

        for (var page = 1; page <= 3; page++)
        {
            var body = await stub.GetJsonAsync($"/api/v1/invoices?page={page}");
            var meta = body.GetProperty("meta");

            Assert.Equal(page, meta.GetProperty("current_page").GetInt32());
            Assert.Equal(25, meta.GetProperty("per_page").GetInt32());
            Assert.Equal(expected.Count, meta.GetProperty("total").GetInt32());
            Assert.Equal(3, meta.GetProperty("last_page").GetInt32());
            seen.AddRange(Ids(body));
        }

        Assert.Equal(expected.Select(invoice => invoice.Id), seen);
        Assert.Equal(seen.OrderDescending(), seen);
    }

    [Fact]
    public async Task Invoices_NoPageParameter_IsFirstPageOf25()
    {
        var body = await stub.GetJsonAsync("/api/v1/invoices");

        Assert.Equal(1, body.GetProperty("meta").GetProperty("current_page").GetInt32());
        Assert.Equal(25, body.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("0", 25)]
    [InlineData("-5", 25)]
    [InlineData("abc", 25)]
    [InlineData("", 25)]
    [InlineData("1000", 100)]
    [InlineData("101", 100)]
    [InlineData("99999999999999999999", 100)]
    [InlineData("100", 100)]
    [InlineData("7", 7)]
    public async Task Invoices_PerPageOutOfRange_IsClamped(string perPage, int expected)
    {
        var body = await stub.GetJsonAsync($"/api/v1/invoices?per_page={perPage}");
        var total = BillingData.Default.ForClient(1)!.Invoices.Count;

        Assert.Equal(expected, body.GetProperty("meta").GetProperty("per_page").GetInt32());
        Assert.Equal(Math.Min(expected, total), body.GetProperty("data").GetArrayLength());
        Assert.Equal((total + expected - 1) / expected, body.GetProperty("meta").GetProperty("last_page").GetInt32());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("abc")]
    [InlineData("2.5")]
    public async Task Invoices_UnusablePage_IsFirstPage(string page)
    {
        var body = await stub.GetJsonAsync($"/api/v1/invoices?page={page}");

        Assert.Equal(1, body.GetProperty("meta").GetProperty("current_page").GetInt32());
        Assert.Equal(25, body.GetProperty("data").GetArrayLength());
    }

    [Theory]
    [InlineData("4", 4)]
    [InlineData("2147483647", int.MaxValue)]
    [InlineData("99999999999999999999", int.MaxValue)]
    public async Task Invoices_PagePastTheEnd_IsEmptyWithCorrectMeta(string page, int expectedPage)
    {
        var body = await stub.GetJsonAsync($"/api/v1/invoices?page={page}&per_page=100");
        var meta = body.GetProperty("meta");

        Assert.Equal(0, body.GetProperty("data").GetArrayLength());
        Assert.Equal(expectedPage, meta.GetProperty("current_page").GetInt32());
        Assert.Equal(BillingData.Default.ForClient(1)!.Invoices.Count, meta.GetProperty("total").GetInt32());
        Assert.Equal(1, meta.GetProperty("last_page").GetInt32());
    }

    [Fact]
    public async Task Invoices_RepeatedPage_LastOneWinsLikePhp()
    {
        var body = await stub.GetJsonAsync("/api/v1/invoices?page=1&page=2");

        Assert.Equal(2, body.GetProperty("meta").GetProperty("current_page").GetInt32());
    }

    [Theory]
    [InlineData("/api/v1/invoices")]
    [InlineData("/api/v1/orders")]
    [InlineData("/api/v1/services")]
    [InlineData("/api/v1/domains")]
    public async Task List_ClientWithoutRecords_IsEmptyWithLastPageOne(string path)
    {
        var emptyClient = BillingData.Default.ClientIds[^1];
        Assert.Empty(BillingData.Default.ForClient(emptyClient)!.Invoices);

        var body = await stub.GetJsonAsync(path, emptyClient);
        var meta = body.GetProperty("meta");

        Assert.Equal(0, body.GetProperty("data").GetArrayLength());
        Assert.Equal(0, meta.GetProperty("total").GetInt32());
        Assert.Equal(1, meta.GetProperty("last_page").GetInt32());
    }

    [Fact]
    public async Task Services_AreOrderedByIdAscending()
    {
        var body = await stub.GetJsonAsync("/api/v1/services");
        var ids = Ids(body);

        Assert.Equal(ids.Order(), ids);
        Assert.Equal(BillingData.Default.ForClient(1)!.Services.Select(service => service.Id), ids);
    }

    private static List<long> Ids(JsonElement body) =>
        [.. body.GetProperty("data").EnumerateArray().Select(item => item.GetProperty("id").GetInt64())];
}
