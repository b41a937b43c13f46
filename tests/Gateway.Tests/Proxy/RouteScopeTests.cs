using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using LegacyStub;

namespace Gateway.Tests.Proxy;

/// <summary>Each of the 10 routes of DESIGN §5: allowed with its scope (body unchanged), 403 without it.</summary>
public sealed class RouteScopeTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    public static TheoryData<string, string> Routes()
    {
        var client = BillingData.Default.ForClient(1)!;
        var invoice = client.Invoices[0].Id;
        var order = client.Orders[0].Id;
        var service = client.Services[0].Id;
        var domain = client.Domains[0].Id;
        return new TheoryData<string, string>
        {
            { "/api/v1/me", ScopeCatalog.AccountRead },
            { "/api/v1/invoices", ScopeCatalog.AccountRead },
            { $"/api/v1/invoices/{invoice}", ScopeCatalog.AccountRead },
            { "/api/v1/orders", ScopeCatalog.AccountRead },
            { $"/api/v1/orders/{order}", ScopeCatalog.AccountRead },
            { "/api/v1/services", ScopeCatalog.HostingRead },
            { $"/api/v1/services/{service}", ScopeCatalog.HostingRead },
            { "/api/v1/domains", ScopeCatalog.DomainsRead },
            { $"/api/v1/domains/{domain}", ScopeCatalog.DomainsRead },
            { $"/api/v1/domains/{domain}/dns", ScopeCatalog.DnsRead },
        };
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Get_TokenWithRouteScope_ForwardsAndPassesBodyUnchanged(string path, string scope)
    {
        var token = await gateway.CreateTokenAsync(1, scope);
        var expected = await DirectFromBackendAsync(path, clientId: 1);
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.CreateHttpsClient().SendAsync(Http.Get(path + "?page=1", token.Plaintext));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var received = Assert.Single(gateway.Backend.LogEntries);
        Assert.Equal(path, received.RequestMessage!.Path);
        Assert.Equal(["1"], received.RequestMessage.Header("X-Client-Id"));
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Get_TokenWithoutRouteScope_Is403WithRequiredScopeAndNeverForwarded(string path, string scope)
    {
        var otherScopes = ScopeCatalog.All.Where(s => s != scope).ToArray();
        var token = await gateway.CreateTokenAsync(1, otherScopes);
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.CreateHttpsClient().SendAsync(Http.Get(path, token.Plaintext));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("This token does not have the required scope.", body.GetProperty("message").GetString());
        Assert.Equal(scope, body.GetProperty("required_scope").GetString());
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Get_TokenWhoseOnlyRoleWasDeleted_Is403Everywhere()
    {
        // A token must grant something when made; deleting its only role is how one comes to grant nothing.
        var roles = gateway.Services.GetRequiredService<RoleService>();
        await roles.CreateAsync(new RoleSpec { Name = "gone", Scopes = [ScopeCatalog.AccountRead] }, "test");
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Roles = ["gone"] });
        await roles.DeleteAsync("gone", "test");
        gateway.Backend.ResetLogEntries();

        foreach (var path in Routes().Select(r => (string)r[0]))
        {
            using var response = await gateway.CreateHttpsClient().SendAsync(Http.Get(path, token.Plaintext));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Empty(gateway.Backend.LogEntries);
    }

    private async Task<string> DirectFromBackendAsync(string path, long clientId)
    {
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Backend.Url!) };
        using var request = new HttpRequestMessage(HttpMethod.Get, path + "?page=1");
        request.Headers.TryAddWithoutValidation("Authorization", GatewayFixture.BackendCredential);
        request.Headers.Add("X-Client-Id", clientId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}
