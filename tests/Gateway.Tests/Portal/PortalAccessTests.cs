using System.Net;
using System.Net.Http.Headers;
using Gateway.Tests.Audit;

namespace Gateway.Tests.Portal;

/// <summary>
/// Who may do what in the portal: another client's token is 404 on every page and action; the API ignores the portal
/// cookie; staff policy (scopes, count, lifetime, portal off) and client state (suspended, closed) hold; forms need
/// antiforgery; the CSP allows no inline script.
/// </summary>
public sealed class PortalAccessTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task AnotherClientsToken_Is404OnEveryPageAndAction()
    {
        using var owner = await PortalSession.SignInAsync(fixture, 2);
        var (plaintext, _) = await owner.CreateAsync("not-yours", "account:read");
        var id = Assert.Single(await fixture.TokensAsync(2), t => t.GetProperty("name").GetString() == "not-yours").GetProperty("id").GetInt64();
        using var intruder = await PortalSession.SignInAsync(fixture, 1);
        using var ownPage = await intruder.Browser.GetAsync("/client/api-tokens");
        var form = PageForm.Parse(await ownPage.Content.ReadAsStringAsync(), "create-form");
        var antiforgery = form.Inputs.Single(i => i.Key == "__RequestVerificationToken").Value;

        foreach (var path in new[] { $"/client/api-tokens/{id}/edit", $"/client/api-tokens/{id}/revoke" })
        {
            using var get = await intruder.Browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        }

        foreach (var (path, fields) in new (string, (string, string)[])[]
        {
            ($"/client/api-tokens/{id}/edit", [("Form.Name", "stolen"), ("Form.Expiry", "never")]),
            ($"/client/api-tokens/{id}/edit?handler=Roll", [("overlapSeconds", "0")]),
            ($"/client/api-tokens/{id}/revoke", []),
        })
        {
            var content = new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)).Append(new("__RequestVerificationToken", antiforgery)));
            using var post = await intruder.Browser.Http.PostAsync(new Uri(path, UriKind.Relative), content);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }

        using var list = await intruder.Browser.GetAsync("/client/api-tokens");
        Assert.DoesNotContain("not-yours", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = Assert.Single(await fixture.TokensAsync(2), t => t.GetProperty("id").GetInt64() == id);
        Assert.Equal("not-yours", stored.GetProperty("name").GetString());
        Assert.Equal("active", stored.GetProperty("status").GetString());
        using var api = await GetAsync("/api/v1/me", plaintext);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Api_WithThePortalCookieAndNoBearer_Is401()
    {
        using var session = await PortalSession.SignInAsync(fixture, 1);

        using var me = await session.Browser.GetAsync("/api/v1/me");
        using var self = await session.Browser.GetAsync("/api/v1/token");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, self.StatusCode);
    }

    [Fact]
    public async Task Pages_NotSignedIn_GoToTheProviderAndSendTheStaffUisHeaders()
    {
        using var browser = fixture.NewBrowser();

        using var page = await browser.GetAsync("/client/api-tokens");
        using var signIn = await browser.FollowAsync(page, until: uri => uri.Port == fixture.Provider.Port);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/client/signin", page.Headers.Location!.AbsolutePath);
        var authorize = signIn.Headers.Location!;
        Assert.Equal(fixture.Provider.Port, authorize.Port);
        var query = System.Web.HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.True(query["response_mode"] is null or "query", "The answer must come back as a query (a GET that carries the Lax cookie).");
        Assert.False(string.IsNullOrEmpty(query["state"]) || string.IsNullOrEmpty(query["nonce"]));
        var csp = signIn.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains($"form-action 'self' {fixture.Provider.Issuer.GetLeftPart(UriPartial.Authority)}", csp, StringComparison.Ordinal);
        Assert.Equal("DENY", signIn.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-store", signIn.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_Is400AndNothingCreated()
    {
        using var session = await PortalSession.SignInAsync(fixture, 1);
        var before = (await fixture.TokensAsync(1)).Count;

        using var post = await session.Browser.Http.PostAsync(new Uri("/client/api-tokens", UriKind.Relative),
            new FormUrlEncodedContent([new("Form.Name", "csrf"), new("Form.Scopes", "account:read"), new("Form.Expiry", "never")]));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(before, (await fixture.TokensAsync(1)).Count);
    }

    [Fact]
    public async Task Policy_ScopesCountAndLifetime_HoldInThePortal()
    {
        await fixture.CliAsync("clients", "policy", "4", "--scopes", "account:read", "--max-tokens", "1", "--max-lifetime", "30");
        using var session = await PortalSession.SignInAsync(fixture, 4);
        using var page = await session.Browser.GetAsync("/client/api-tokens");
        var html = await page.Content.ReadAsStringAsync();
        var tooLate = DateOnly.FromDateTime(DateTime.Now).AddDays(31).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var scope = await session.PostCreateAsync("dns", ["dns:read"]);
        using var never = await session.PostCreateAsync("never", ["account:read"], ("Form.Expiry", "never"));
        using var late = await session.PostCreateAsync("late", ["account:read"], ("Form.Expiry", "date"), ("Form.ExpiresOn", tooLate));
        var (_, _) = await session.CreateAsync("first", "account:read");
        using var second = await session.PostCreateAsync("second", ["account:read"]);

        Assert.DoesNotContain("value=\"dns:read\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"never\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, scope.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, never.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("the most allowed", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var stored = Assert.Single(await fixture.TokensAsync(4));
        Assert.Equal(DateOnly.FromDateTime(DateTime.Now).AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), stored.GetProperty("expiresOn").GetString());
    }

    [Fact]
    public async Task Suspend_EndsTheSessionTokensAnswer401AndThePortalSaysSoUntilResumed()
    {
        using var session = await PortalSession.SignInAsync(fixture, 5);
        var (plaintext, _) = await session.CreateAsync("while-suspended", "account:read");

        await fixture.CliAsync("clients", "suspend", "5", "--reason", "unpaid invoice");
        // The CLI is another process: without Redis the gateway learns of the ended session within its 1 s cache bound.
        using var ended = await EventuallyAsync(() => session.Browser.GetAsync("/client/api-tokens"), HttpStatusCode.Redirect);
        var refused = await EventuallyAsync(() => GetAsync("/api/v1/me", plaintext), HttpStatusCode.Unauthorized);
        using var again = await session.Browser.SignInAsync(session.Login);
        var html = await again.Content.ReadAsStringAsync();
        var antiforgery = PageForm.Parse(html).Inputs.Single(i => i.Key == "__RequestVerificationToken").Value;
        using var create = await session.Browser.Http.PostAsync(new Uri("/client/api-tokens", UriKind.Relative), new FormUrlEncodedContent(
            [new("Form.Name", "blocked"), new("Form.Scopes", "account:read"), new("Form.Expiry", "never"), new("__RequestVerificationToken", antiforgery)]));

        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal("/client/signin", ended.Headers.Location!.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var denied = await AuditFile.EventAsync(fixture.AuditFolder, refused.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("client_suspended", denied.GetProperty("Reason").GetString());
        Assert.Contains("Your account is suspended", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.DoesNotContain(await fixture.TokensAsync(5), t => t.GetProperty("name").GetString() == "blocked");

        await fixture.CliAsync("clients", "resume", "5");
        var works = await EventuallyAsync(() => GetAsync("/api/v1/me", plaintext), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
    }

    [Fact]
    public async Task Close_RevokesEveryTokenAndThePortalRefusesTheClient()
    {
        await fixture.CliAsync("clients", "resume", "3");
        using var session = await PortalSession.SignInAsync(fixture, 3);
        var (plaintext, _) = await session.CreateAsync("closing", "account:read");

        await fixture.CliAsync("clients", "close", "3");
        using var browser = fixture.NewBrowser();
        using var refused = await browser.SignInAsync(session.Login);
        using var api = await GetAsync("/api/v1/me", plaintext);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("not available for your account", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.All(await fixture.TokensAsync(3), t => Assert.Equal("client_closed", t.GetProperty("revokeReason").GetString()));
        var signIn = await AuditFile.ActionAsync(fixture.AuditFolder, "portal.sign_in", "client:3");
        Assert.NotNull(signIn.GetProperty("Outcome").GetString());
    }

    private async Task<HttpResponseMessage> GetAsync(string path, string token)
    {
        using var api = fixture.ApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await api.SendAsync(request);
    }

    /// <summary>
    /// A change made by the CLI reaches the running gateway within its cache bound (1 s, no Redis here): ask until the
    /// answer is <paramref name="expected"/>, for at most 10 s.
    /// </summary>
    private static async Task<HttpResponseMessage> EventuallyAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode expected)
    {
        for (var attempt = 0; ; attempt++)
        {
            var response = await send();
            if (response.StatusCode == expected || attempt == 50)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(200);
        }
    }
}
