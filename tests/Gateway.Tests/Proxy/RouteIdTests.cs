using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using LegacyStub;

namespace Gateway.Tests.Proxy;

/// <summary>
/// Ids in route paths are canonical positive decimals (1-19 digits, no sign, no leading zero, no whitespace): any
/// other spelling of a number is "no such route" at the gateway, so the backend never reads two spellings as one record.
/// </summary>
public sealed class RouteIdTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly long Invoice = BillingData.Default.ForClient(1)!.Invoices[0].Id;

    public static TheoryData<string> NotCanonical =>
    [
        "+{0}", "%20{0}", "{0}%20", "{0}%09", "%09{0}", "0{0}", "00{0}", "0", "-{0}", "{0}.0", "{0}e0", "0x10",
        "99999999999999999999", "%EF%BC%91", "%2B{0}",
    ];

    [Theory]
    [MemberData(nameof(NotCanonical))]
    public async Task Get_IdNotCanonical_Is404AndNeverForwarded(string template)
    {
        var token = await gateway.CreateTokenAsync(1, gateway.AllScopes);
        gateway.Backend.ResetLogEntries();
        var id = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, Invoice);

        // Refusals count against the address (failed-auth limiter): one address per case.
        var hash = (uint)template.GetHashCode(StringComparison.Ordinal);
        var peer = $"2001:db8:{hash >> 16:x}:{hash & 0xffff:x}::1";
        using var invoice = await gateway.GetAsync($"/api/v1/invoices/{id}", token.Plaintext, peer);
        using var dns = await gateway.GetAsync($"/api/v1/domains/{id}/dns", token.Plaintext, peer);

        Assert.Equal(HttpStatusCode.NotFound, invoice.StatusCode);
        Assert.Equal("Not found.", await invoice.MessageAsync());
        Assert.Equal(HttpStatusCode.NotFound, dns.StatusCode);
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Get_CanonicalId_IsForwardedAsIs()
    {
        var token = await gateway.CreateTokenAsync(1, gateway.AllScopes);
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.GetAsync($"/api/v1/invoices/{Invoice}", token.Plaintext);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/api/v1/invoices/{Invoice}", Assert.Single(gateway.Backend.LogEntries).RequestMessage!.Path);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("9223372036854775807", true)]
    [InlineData("9223372036854775808", false)]
    [InlineData("0", false)]
    [InlineData("01", false)]
    [InlineData("+1", false)]
    [InlineData(" 1", false)]
    [InlineData("1\t", false)]
    [InlineData("١", false)]
    [InlineData("", false)]
    public void IsValid_Spellings(string value, bool valid) =>
        Assert.Equal(valid, global::Gateway.Proxy.CanonicalId.IsValid(value, long.MaxValue));
}
