using System.Net;

namespace LegacyStub.Tests.Provider;

public sealed class AuthorizeTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private static readonly SeedLogin Olivia = SeedLogins.ForClient(1);

    [Fact]
    public async Task Authorize_NoSession_ShowsTheLoginFormCarryingTheRequest()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest();

        using var page = await browser.AuthorizeAsync(request);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Token Gateway", html, StringComparison.Ordinal);
        var form = HtmlForm.Parse(html);
        Assert.Equal("/connect/authorize", form.Action);
        Assert.Equal(ProviderFixture.Portal.ClientId, form.Value("client_id"));
        Assert.Equal(request.State, form.Value("state"));
        Assert.Equal(request.Pkce.Challenge, form.Value("code_challenge"));
        Assert.NotNull(form.Value("__stub_antiforgery"));
        Assert.Equal("", form.Value("password"));
        Assert.Contains("type=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"cancel\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authorize_LoginForm_IsNeverFramedCachedOrScripted()
    {
        using var browser = fixture.NewBrowser();

        using var page = await browser.AuthorizeAsync(browser.NewRequest());

        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("no-store", page.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        var csp = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", await page.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Authorize_LoginHint_PrefillsTheEmail()
    {
        using var browser = fixture.NewBrowser();

        using var page = await browser.AuthorizeAsync(browser.NewRequest() with { LoginHint = Olivia.Email });

        Assert.Equal(Olivia.Email, HtmlForm.Parse(await page.Content.ReadAsStringAsync()).Value("email"));
    }

    [Fact]
    public async Task Submit_RightPassword_RedirectsWithCodeStateAndIssuer()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest();

        var callback = await browser.SignInAsync(Olivia, request);

        Assert.False(string.IsNullOrEmpty(callback["code"]));
        Assert.Equal(fixture.Provider.Issuer.ToString(), callback["iss"]);
        Assert.True(browser.HasSession);
    }

    [Fact]
    public async Task Submit_FormPostResponseMode_PostsCodeAndStateToTheRedirectUri()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest() with { ResponseMode = "form_post" };
        using var page = await browser.AuthorizeAsync(request);

        using var answer = await browser.SubmitAsync(page, Olivia.Email, Olivia.Password);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var form = HtmlForm.Parse(await answer.Content.ReadAsStringAsync());
        Assert.Equal(request.RedirectUri.ToString(), form.Action);
        Assert.Equal(request.State, form.Value("state"));
        var code = form.Value("code")!;
        using var tokens = await browser.RedeemAsync(code, request.Pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, tokens.StatusCode);
    }

    [Fact]
    public async Task Submit_WrongPassword_ShowsTheFormAgainWithoutCodeOrSession()
    {
        using var browser = fixture.NewBrowser();
        using var page = await browser.AuthorizeAsync(browser.NewRequest());

        using var answer = await browser.SubmitAsync(page, Olivia.Email, Olivia.Password + "x");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        var html = await answer.Content.ReadAsStringAsync();
        Assert.Contains("The e-mail address or password is incorrect.", html, StringComparison.Ordinal);
        var form = HtmlForm.Parse(html);
        Assert.Equal(Olivia.Email, form.Value("email"));
        Assert.Equal("", form.Value("password"));
        Assert.DoesNotContain(Olivia.Password, html, StringComparison.Ordinal);
        Assert.False(browser.HasSession);
    }

    [Fact]
    public async Task Submit_UnknownEmail_GetsTheSameAnswerAsAWrongPassword()
    {
        using var browser = fixture.NewBrowser();
        using var page = await browser.AuthorizeAsync(browser.NewRequest());

        using var answer = await browser.SubmitAsync(page, "nobody@example.test", Olivia.Password);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("The e-mail address or password is incorrect.", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(browser.HasSession);
    }

    [Fact]
    public async Task Submit_EmailInOtherCase_SignsIn()
    {
        using var browser = fixture.NewBrowser();

        var callback = await browser.SignInAsync(Olivia with { Email = Olivia.Email.ToUpperInvariant() });

        Assert.NotNull(callback["code"]);
    }

    public static TheoryData<long, long> ClientPairs()
    {
        var pairs = new TheoryData<long, long>();
        foreach (var owner in SeedLogins.All)
        {
            foreach (var password in SeedLogins.All)
            {
                pairs.Add(owner.ClientId, password.ClientId);
            }
        }

        return pairs;
    }

    [Theory]
    [MemberData(nameof(ClientPairs))]
    public async Task Submit_EachClientsEmail_SignsInOnlyWithItsOwnPassword(long emailOf, long passwordOf)
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest();
        using var page = await browser.AuthorizeAsync(request);

        using var answer = await browser.SubmitAsync(
            page, SeedLogins.ForClient(emailOf).Email, SeedLogins.ForClient(passwordOf).Password);

        if (emailOf == passwordOf)
        {
            var code = OidcBrowser.Callback(answer, request)["code"]!;
            using var tokens = await browser.RedeemAsync(code, request.Pkce.Verifier);
            var idToken = (await OidcBrowser.ReadJsonAsync(tokens)).GetProperty("id_token").GetString()!;
            var jwt = await IdTokens.ValidateAsync(fixture.Provider, idToken, ProviderFixture.Portal.ClientId, request.Nonce);
            Assert.Equal(emailOf.ToString(System.Globalization.CultureInfo.InvariantCulture), jwt.Subject);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Null(answer.Headers.Location);
            Assert.False(browser.HasSession);
        }
    }

    [Fact]
    public async Task Submit_Cancel_ReturnsAccessDeniedToTheClient()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest();
        using var page = await browser.AuthorizeAsync(request);

        using var answer = await browser.SubmitAsync(page, "", "", action: "cancel");

        var callback = OidcBrowser.Callback(answer, request);
        Assert.Equal("access_denied", callback["error"]);
        Assert.Null(callback["code"]);
        Assert.False(browser.HasSession);
    }

    [Fact]
    public async Task Submit_WithoutAntiforgeryToken_IsRefusedWithoutCode()
    {
        using var browser = fixture.NewBrowser();
        using var page = await browser.AuthorizeAsync(browser.NewRequest());
        var form = HtmlForm.Parse(await page.Content.ReadAsStringAsync());

        using var answer = await browser.Http.PostAsync(
            new Uri(form.Action, UriKind.Relative),
            form.Submit(("email", Olivia.Email), ("password", Olivia.Password), ("stub_action", "sign-in"), ("__stub_antiforgery", "forged")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        Assert.False(browser.HasSession);
    }

    [Fact]
    public async Task Submit_RedirectUriChangedInTheForm_IsRefusedWithoutRedirect()
    {
        using var browser = fixture.NewBrowser();
        using var page = await browser.AuthorizeAsync(browser.NewRequest());
        var form = HtmlForm.Parse(await page.Content.ReadAsStringAsync());

        using var answer = await browser.Http.PostAsync(
            new Uri(form.Action, UriKind.Relative),
            form.Submit(("email", Olivia.Email), ("password", Olivia.Password), ("stub_action", "sign-in"),
                ("redirect_uri", "https://attacker.example.test/steal")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
    }

    [Theory]
    [InlineData("https://attacker.example.test/steal")]
    [InlineData("https://gateway.example.test/client/signin-oidc/extra")]
    [InlineData("https://gateway.example.test/client/signin-oidc?x=1")]
    [InlineData("http://gateway.example.test/client/signin-oidc")]
    [InlineData("https://other.example.test/callback")]
    public async Task Authorize_UnregisteredRedirectUri_IsRefusedWithoutRedirect(string redirectUri)
    {
        using var browser = fixture.NewBrowser();

        using var answer = await browser.AuthorizeAsync(browser.NewRequest() with { RedirectUri = new Uri(redirectUri) });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
    }

    [Fact]
    public async Task Authorize_UnknownClient_IsRefusedWithoutRedirect()
    {
        using var browser = fixture.NewBrowser();

        using var answer = await browser.AuthorizeAsync(browser.NewRequest() with { ClientId = "no-such-client" });

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
    }

    // OpenIddict checks the request's own parameters before it trusts the redirect URI, so these errors are shown
    // at the provider (RFC 6749 4.1.2.1 allows either) rather than sent back: in both cases no code is issued.
    [Theory]
    [InlineData(null, "invalid_request")]
    [InlineData("plain", "invalid_request")]
    public async Task Authorize_NoS256Challenge_IsRefusedWithoutCode(string? method, string error)
    {
        using var browser = fixture.NewBrowser();

        using var answer = await browser.AuthorizeAsync(browser.NewRequest() with { ChallengeMethod = method });

        await AssertRefusedAtProviderAsync(answer, error);
    }

    [Fact]
    public async Task Authorize_ScopeNotRegistered_IsRefusedAsInvalidScope()
    {
        using var browser = fixture.NewBrowser();

        using var answer = await browser.AuthorizeAsync(browser.NewRequest() with { Scope = "openid admin" });

        await AssertRefusedAtProviderAsync(answer, "invalid_scope");
    }

    private static async Task AssertRefusedAtProviderAsync(HttpResponseMessage answer, string error)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        Assert.Contains($"error:{error}", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
