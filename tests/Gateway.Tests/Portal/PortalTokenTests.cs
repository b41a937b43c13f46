using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Gateway.Tests.Audit;

namespace Gateway.Tests.Portal;

/// <summary>
/// The token page end to end against the real provider: create (plaintext once), use on the API, list, edit, roll,
/// revoke with and without a fresh password, revoke all; asserting on the store, the audit trail and the backend.
/// Each test signs in as its own seeded client.
/// </summary>
public sealed class PortalTokenTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Create_ShowsTheTokenOnceAndItReadsTheClientsOwnData()
    {
        using var session = await PortalSession.SignInAsync(fixture, 1);

        var (plaintext, html) = await session.CreateAsync("My Integration", "account:read");
        using var reload = await session.Browser.GetAsync("/client/api-tokens");
        var reloaded = await reload.Content.ReadAsStringAsync();
        using var me = await GetAsync("/api/v1/me", plaintext);

        Assert.StartsWith("opt_live_", plaintext, StringComparison.Ordinal);
        Assert.Contains("Yes, I saved my token", html, StringComparison.Ordinal);
        Assert.DoesNotContain(plaintext, reloaded, StringComparison.Ordinal);
        Assert.Contains("My Integration", reloaded, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var backend = fixture.Backend.LogEntries.LastOrDefault(e => e.RequestMessage?.Path == "/api/v1/me");
        Assert.Equal("1", backend!.RequestMessage!.Headers!["X-Client-Id"].Single());
        var stored = Assert.Single(await fixture.TokensAsync(1), t => t.GetProperty("name").GetString() == "My Integration");
        Assert.Equal("client:1", stored.GetProperty("createdBy").GetString());
        Assert.Equal(["account:read"], stored.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Empty(stored.GetProperty("roles").EnumerateArray());
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now).AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), stored.GetProperty("expiresOn").GetString());
        var created = await AuditFile.ActionAsync(fixture.AuditFolder, "token.created", $"token:{stored.GetProperty("id").GetInt64()}");
        Assert.Equal("portal", created.GetProperty("Via").GetString());
        Assert.DoesNotContain(plaintext, string.Join('\n', await AuditFile.ReadLinesAsync(fixture.AuditFolder)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_RolesAndRateLimitInTheForm_AreIgnored()
    {
        using var session = await PortalSession.SignInAsync(fixture, 1);

        using var posted = await session.PostCreateAsync("sneaky", ["account:read"], ("Form.Roles", "admin"), ("Roles", "admin"), ("Form.RateLimitPerMinute", "1000000"));

        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var stored = Assert.Single(await fixture.TokensAsync(1), t => t.GetProperty("name").GetString() == "sneaky");
        Assert.Empty(stored.GetProperty("roles").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("rateLimitPerMinute").ValueKind);
    }

    [Theory]
    [InlineData("bad/name", "account:read", "Name must be 1-50 characters")]
    [InlineData("no scope", "", "at least one scope")]
    [InlineData("unknown", "account:write", "You may not grant account:write")]
    public async Task Create_Invalid_Is400AndNothingStored(string name, string scope, string message)
    {
        using var session = await PortalSession.SignInAsync(fixture, 1);
        var before = (await fixture.TokensAsync(1)).Count;

        using var posted = await session.PostCreateAsync(name, scope.Length == 0 ? [] : [scope]);

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await posted.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, (await fixture.TokensAsync(1)).Count);
    }

    [Fact]
    public async Task EditAndRoll_ChangeOnlyWhatTheClientMayAndRollKeepsTheOldOneDuringTheOverlap()
    {
        using var session = await PortalSession.SignInAsync(fixture, 2);
        var (old, _) = await session.CreateAsync("deploy-script", "hosting:read");
        var id = Assert.Single(await fixture.TokensAsync(2), t => t.GetProperty("name").GetString() == "deploy-script").GetProperty("id").GetInt64();
        var expiry = DateOnly.FromDateTime(DateTime.Now).AddDays(90).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var edited = await session.Browser.PostFormAsync($"/client/api-tokens/{id}/edit", "edit-form",
            ("Form.Name", "deploy script v2"), ("Form.AllowedIps", "127.0.0.1\n::1"), ("Form.Expiry", "date"), ("Form.ExpiresOn", expiry));
        using var rolled = await session.Browser.PostFormAsync($"/client/api-tokens/{id}/edit", "roll-form", ("overlapSeconds", "3600"));
        using var page = await session.Browser.FollowAsync(rolled);
        var html = await page.Content.ReadAsStringAsync();
        var replacement = System.Text.RegularExpressions.Regex.Match(html, "<code id=\"new-token-value\">(?<t>[^<]+)</code>").Groups["t"].Value;
        using var oldStillWorks = await GetAsync("/api/v1/services", old);
        using var newWorks = await GetAsync("/api/v1/services", replacement);

        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var tokens = await fixture.TokensAsync(2);
        var first = Assert.Single(tokens, t => t.GetProperty("id").GetInt64() == id);
        Assert.Equal("deploy script v2", first.GetProperty("name").GetString());
        Assert.Equal(["127.0.0.1", "::1"], first.GetProperty("allowedIps").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(expiry, first.GetProperty("expiresOn").GetString());
        Assert.Equal(JsonValueKind.String, first.GetProperty("revokedAt").ValueKind);
        Assert.Contains("Retiring: stops", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, oldStillWorks.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newWorks.StatusCode);
        await AuditFile.ActionAsync(fixture.AuditFolder, "token.edited", $"token:{id}");
    }

    [Fact]
    public async Task Revoke_AfterEnteringThePasswordAgain_RevokesAndTheNextCallIs401()
    {
        using var session = await PortalSession.SignInAsync(fixture, 3);
        var (plaintext, _) = await session.CreateAsync("to-revoke", "account:read");
        var id = Assert.Single(await fixture.TokensAsync(3), t => t.GetProperty("name").GetString() == "to-revoke").GetProperty("id").GetInt64();

        using var toProvider = await session.StartRevokeAsync(id);
        Assert.Equal(HttpStatusCode.Redirect, toProvider.StatusCode);
        var authorize = toProvider.Headers.Location!.Query;
        Assert.Contains("prompt=login", authorize, StringComparison.Ordinal);
        Assert.Contains("max_age=0", authorize, StringComparison.Ordinal);
        Assert.DoesNotContain($"{id}", System.Web.HttpUtility.ParseQueryString(authorize).AllKeys.Where(k => k != "state" && k != "nonce").Select(k => System.Web.HttpUtility.ParseQueryString(authorize)[k]), StringComparer.Ordinal);
        using var landed = await session.ReauthenticateAsync(toProvider);
        using var api = await GetAsync("/api/v1/me", plaintext);

        Assert.Equal(HttpStatusCode.OK, landed.StatusCode);
        Assert.Contains("The token was revoked", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        var stored = Assert.Single(await fixture.TokensAsync(3), t => t.GetProperty("id").GetInt64() == id);
        Assert.Equal("revoked", stored.GetProperty("status").GetString());
        Assert.Equal("client:3", stored.GetProperty("revokedBy").GetString());
        var revoked = await AuditFile.ActionAsync(fixture.AuditFolder, "token.revoked", $"token:{id}");
        Assert.Equal("portal", revoked.GetProperty("Via").GetString());
    }

    [Fact]
    public async Task Revoke_CancelledAtTheProvider_RevokesNothingAndIsAudited()
    {
        using var session = await PortalSession.SignInAsync(fixture, 4);
        var (plaintext, _) = await session.CreateAsync("keep-me", "account:read");
        var id = Assert.Single(await fixture.TokensAsync(4), t => t.GetProperty("name").GetString() == "keep-me").GetProperty("id").GetInt64();

        using var toProvider = await session.StartRevokeAsync(id);
        using var landed = await session.ReauthenticateAsync(toProvider, action: "cancel");
        using var api = await GetAsync("/api/v1/me", plaintext);

        Assert.Contains("Nothing was revoked", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal("active", Assert.Single(await fixture.TokensAsync(4), t => t.GetProperty("id").GetInt64() == id).GetProperty("status").GetString());
        var refused = await AuditFile.ActionAsync(fixture.AuditFolder, "portal.reauth_refused", $"token:{id}");
        Assert.Equal("cancelled", refused.GetProperty("Outcome").GetString());
    }

    [Fact]
    public async Task Revoke_ReenteredAsAnotherClient_RevokesNothing()
    {
        using var session = await PortalSession.SignInAsync(fixture, 5);
        var (plaintext, _) = await session.CreateAsync("guarded", "account:read");
        var id = Assert.Single(await fixture.TokensAsync(5), t => t.GetProperty("name").GetString() == "guarded").GetProperty("id").GetInt64();

        using var toProvider = await session.StartRevokeAsync(id);
        using var landed = await session.ReauthenticateAsync(toProvider, LegacyStub.SeedLogins.ForClient(4));
        using var api = await GetAsync("/api/v1/me", plaintext);

        Assert.Contains("Nothing was revoked", await landed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var refused = await AuditFile.ActionAsync(fixture.AuditFolder, "portal.reauth_refused", $"token:{id}");
        Assert.Equal("different_account", refused.GetProperty("Outcome").GetString());
    }

    [Fact]
    public async Task RevokeAll_AfterThePassword_RevokesEveryLiveTokenOfTheClientOnly()
    {
        using var session = await PortalSession.SignInAsync(fixture, 2);
        var (a, _) = await session.CreateAsync("all-a", "account:read");
        var (b, _) = await session.CreateAsync("all-b", "domains:read");
        using var other = await PortalSession.SignInAsync(fixture, 3);
        var (c, _) = await other.CreateAsync("other-client", "account:read");

        using var landed = await session.ReauthenticateAsync(await session.StartRevokeAllAsync());
        using var apiA = await GetAsync("/api/v1/me", a);
        using var apiB = await GetAsync("/api/v1/domains", b);
        using var apiC = await GetAsync("/api/v1/me", c);

        var landedHtml = await landed.Content.ReadAsStringAsync();
        Assert.True(landedHtml.Contains("All your tokens were revoked", StringComparison.Ordinal), $"{(int)landed.StatusCode} {session.Browser.Location}");
        Assert.Equal(HttpStatusCode.Unauthorized, apiA.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, apiB.StatusCode);
        Assert.Equal(HttpStatusCode.OK, apiC.StatusCode);
        Assert.All(await fixture.TokensAsync(2), t => Assert.Equal("revoked", t.GetProperty("status").GetString()));
        await AuditFile.ActionAsync(fixture.AuditFolder, "token.revoked_all", "client:2");
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var api = fixture.ApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await api.SendAsync(request);
    }
}
