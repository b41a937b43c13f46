using System.Net;
using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Audit;

/// <summary>The audit view of the admin API: filters, paging, and export as CLEF and CSV, for admins and auditors.</summary>
public sealed class AuditViewTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Query_ByClientAndReason_ReturnsOnlyMatchingEvents()
    {
        var auditor = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Auditor));
        var mine = await gateway.CreateTokenAsync(91, ScopeCatalog.DnsRead);
        var other = await gateway.CreateTokenAsync(92, ScopeCatalog.AccountRead);
        using (await gateway.GetAsync("/api/v1/me", mine.Plaintext))
        using (await gateway.GetAsync("/api/v1/me", other.Plaintext))
        {
        }

        var page = await WaitForAsync(auditor, "/admin/api/v1/audit?client=91&reason=scope_missing", expected: 1);

        var e = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal(mine.Token.Id, e.GetProperty("TokenId").GetInt64());
        Assert.Equal(1, page.GetProperty("meta").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Query_StaffAction_FoundByActionAndToken()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        var token = await gateway.CreateTokenAsync(93, ScopeCatalog.AccountRead);
        await gateway.Tokens.RevokeAsync(token.Token.Id, "staff:test", "audit view");

        var page = await WaitForAsync(admin, $"/admin/api/v1/audit?token={token.Token.Id}&reason=token.revoked", expected: 1);

        Assert.Equal("staff:test", page.GetProperty("data")[0].GetProperty("Actor").GetString());
    }

    [Fact]
    public async Task Export_CsvAndClef_ContainTheFilteredEvents()
    {
        var auditor = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Auditor));
        var token = await gateway.CreateTokenAsync(94, ScopeCatalog.AccountRead);
        using (await gateway.GetAsync("/api/v1/me", token.Plaintext))
        {
        }

        await WaitForAsync(auditor, "/admin/api/v1/audit?client=94&decision=allowed", expected: 1);
        using var csv = await auditor.GetAsync(new Uri("/admin/api/v1/audit/export?format=csv&client=94&decision=allowed", UriKind.Relative));
        using var clef = await auditor.GetAsync(new Uri("/admin/api/v1/audit/export?format=clef&client=94&decision=allowed", UriKind.Relative));
        using var bad = await auditor.GetAsync(new Uri("/admin/api/v1/audit/export?format=xml", UriKind.Relative));

        var csvLines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("@t,EventType,Decision,Reason", csvLines[0], StringComparison.Ordinal);
        Assert.Equal(2, csvLines.Length);
        Assert.Contains(",allowed,", csvLines[1], StringComparison.Ordinal);
        var clefLines = (await clef.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(clefLines);
        Assert.Contains("\"HashedToken\":\"" + TokenFormat.HashForAudit(token.Plaintext) + "\"", clefLines[0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Audit_OnPublicListenerOrWithoutCredentials_IsRefused()
    {
        using var anonymous = await gateway.CreateAdminClient().GetAsync(new Uri("/admin/api/v1/audit", UriKind.Relative));
        using var publicSide = await gateway.CreateHttpsClient().GetAsync(new Uri("/admin/api/v1/audit", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publicSide.StatusCode);
    }

    // The audit file is written in the background: ask again until the events are there (at most 10 s).
    private static async Task<System.Text.Json.JsonElement> WaitForAsync(HttpClient client, string path, int expected)
    {
        System.Text.Json.JsonElement page = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await response.JsonAsync();
            if (page.GetProperty("meta").GetProperty("total").GetInt32() >= expected)
            {
                return page;
            }

            await Task.Delay(100);
        }

        return page;
    }
}
