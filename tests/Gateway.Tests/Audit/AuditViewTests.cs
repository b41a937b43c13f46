using System.Globalization;
using System.Net;
using System.Text.Json;
using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Audit;

/// <summary>The audit view of the admin API: filters, paging newest first by cursor, and export as CLEF and CSV, for admins and auditors.</summary>
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
        Assert.Equal(JsonValueKind.Null, page.GetProperty("meta").GetProperty("next").ValueKind);
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
    public async Task Query_ByActor_ReturnsOnlyThatActorsActions()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        var first = await gateway.CreateTokenAsync(96, ScopeCatalog.AccountRead);
        var second = await gateway.CreateTokenAsync(96, ScopeCatalog.AccountRead);
        await gateway.Tokens.RevokeAsync(first.Token.Id, "staff:actor-one", "audit view");
        await gateway.Tokens.RevokeAsync(second.Token.Id, "staff:actor-two", "audit view");

        var page = await WaitForAsync(admin, "/admin/api/v1/audit?actor=staff:actor-two", expected: 1);

        var e = Assert.Single(page.GetProperty("data").EnumerateArray());
        Assert.Equal($"token:{second.Token.Id}", e.GetProperty("Target").GetString());
    }

    [Fact]
    public async Task Query_ByDateRange_KeepsOnlyEventsInIt()
    {
        var auditor = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Auditor));
        var token = await gateway.CreateTokenAsync(97, ScopeCatalog.AccountRead);
        using (await gateway.GetAsync("/api/v1/me", token.Plaintext))
        {
        }

        var now = DateTimeOffset.UtcNow;
        await WaitForAsync(auditor, "/admin/api/v1/audit?client=97&decision=allowed", expected: 1);
        var inRange = await PageAsync(auditor, $"/admin/api/v1/audit?client=97&decision=allowed&from={Stamp(now.AddHours(-1))}&to={Stamp(now.AddHours(1))}");
        var before = await PageAsync(auditor, $"/admin/api/v1/audit?client=97&decision=allowed&to={Stamp(now.AddHours(-1))}");
        var after = await PageAsync(auditor, $"/admin/api/v1/audit?client=97&decision=allowed&from={Stamp(now.AddHours(1))}");

        Assert.Single(inRange.GetProperty("data").EnumerateArray());
        Assert.Empty(before.GetProperty("data").EnumerateArray());
        Assert.Empty(after.GetProperty("data").EnumerateArray());
    }

    [Fact]
    public async Task Query_PagedByCursor_EveryEventOnceNewestFirst()
    {
        var auditor = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Auditor));
        var token = await gateway.CreateTokenAsync(95, ScopeCatalog.AccountRead);
        for (var i = 0; i < 7; i++)
        {
            // The stub has no client 95: whatever it answers, each request is one event of that client.
            using var response = await gateway.GetAsync("/api/v1/me", token.Plaintext);
        }

        // The token's creation (a staff action on client 95) and its 7 requests.
        await WaitForAsync(auditor, "/admin/api/v1/audit?client=95&perPage=10", expected: 8);
        var seen = new List<JsonElement>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await PageAsync(auditor, "/admin/api/v1/audit?client=95&perPage=3" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(page.GetProperty("data").EnumerateArray());
            cursor = page.GetProperty("meta").GetProperty("next").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(8, seen.Select(e => e.GetRawText()).Distinct().Count());
        Assert.Equal(7, seen.Count(e => e.GetProperty("EventType").GetString() == "public_request"));
        var times = seen.Select(e => e.GetProperty("@t").GetDateTimeOffset()).ToList();
        Assert.Equal(times.OrderDescending(), times);
    }

    [Fact]
    public async Task Query_CursorThatIsNotOne_Is400()
    {
        var auditor = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Auditor));

        using var response = await auditor.GetAsync(new Uri("/admin/api/v1/audit?cursor=not-a-cursor", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Export_CsvAndClef_StreamTheFilteredEventsAsWritten()
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
        var line = Assert.Single(clefLines);
        Assert.Contains("\"HashedToken\":\"" + TokenFormat.HashForAudit(token.Plaintext) + "\"", line, StringComparison.Ordinal);
        // Exactly the line in the file, MAC and all: an export can be verified against the chain.
        Assert.Contains(line, await AuditFile.ReadLinesAsync(Path.Combine(gateway.DataPath, "logs")));
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

    private static string Stamp(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("o", CultureInfo.InvariantCulture));

    private static async Task<JsonElement> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    // The audit file is written in the background: ask again until the events are there (at most 10 s).
    private static async Task<JsonElement> WaitForAsync(HttpClient client, string path, int expected)
    {
        JsonElement page = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            page = await PageAsync(client, path);
            if (page.GetProperty("data").GetArrayLength() >= expected)
            {
                return page;
            }

            await Task.Delay(100);
        }

        return page;
    }
}
