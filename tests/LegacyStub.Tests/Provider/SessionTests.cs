using System.Net;

namespace LegacyStub.Tests.Provider;

/// <summary>The provider's own session: silent when it may be, a fresh password when prompt or max_age ask for one.</summary>
public sealed class SessionTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private static readonly SeedLogin Amelia = SeedLogins.ForClient(3);

    [Fact]
    public async Task Authorize_WithSession_IssuesACodeWithoutTheForm()
    {
        using var browser = fixture.NewBrowser();
        var first = await SignedInAuthTimeAsync(browser);
        var request = browser.NewRequest();

        using var answer = await browser.AuthorizeAsync(request);

        var code = OidcBrowser.Callback(answer, request)["code"]!;
        Assert.Equal(first, await AuthTimeAsync(browser, request, code));
    }

    [Fact]
    public async Task Authorize_WithSessionForAnotherRelyingParty_IsSilentToo()
    {
        using var browser = fixture.NewBrowser();
        await SignedInAuthTimeAsync(browser);
        var request = new AuthorizationRequest(ProviderFixture.Other);

        using var answer = await browser.AuthorizeAsync(request);

        Assert.NotNull(OidcBrowser.Callback(answer, request)["code"]);
    }

    [Fact]
    public async Task Authorize_PromptLoginDespiteSession_ShowsTheFormAndThePasswordRenewsAuthTime()
    {
        using var browser = fixture.NewBrowser();
        await SignedInAuthTimeAsync(browser);
        var request = browser.NewRequest() with { Prompt = "login" };

        using var page = await browser.AuthorizeAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var answer = await browser.SubmitAsync(page, Amelia.Email, Amelia.Password);

        var code = OidcBrowser.Callback(answer, request)["code"]!;
        Assert.InRange(await AuthTimeAsync(browser, request, code), before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Authorize_PromptLoginWrongPassword_GivesNoCodeAndKeepsTheSession()
    {
        using var browser = fixture.NewBrowser();
        await SignedInAuthTimeAsync(browser);
        var request = browser.NewRequest() with { Prompt = "login" };
        using var page = await browser.AuthorizeAsync(request);

        using var answer = await browser.SubmitAsync(page, Amelia.Email, "not-her-password");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        Assert.True(browser.HasSession);
    }

    [Fact]
    public async Task Authorize_MaxAgeZeroDespiteSession_ShowsTheForm()
    {
        using var browser = fixture.NewBrowser();
        await SignedInAuthTimeAsync(browser);

        using var answer = await browser.AuthorizeAsync(browser.NewRequest() with { MaxAge = 0 });

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.NotNull(HtmlForm.Parse(await answer.Content.ReadAsStringAsync()).Value("__stub_antiforgery"));
    }

    [Fact]
    public async Task Authorize_MaxAgeLongerThanTheSession_IsSilent()
    {
        using var browser = fixture.NewBrowser();
        await SignedInAuthTimeAsync(browser);
        var request = browser.NewRequest() with { MaxAge = 3600 };

        using var answer = await browser.AuthorizeAsync(request);

        Assert.NotNull(OidcBrowser.Callback(answer, request)["code"]);
    }

    [Fact]
    public async Task Authorize_PromptNoneWithoutSession_ReturnsLoginRequired()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest() with { Prompt = "none" };

        using var answer = await browser.AuthorizeAsync(request);

        var callback = OidcBrowser.Callback(answer, request);
        Assert.Equal("login_required", callback["error"]);
        Assert.Null(callback["code"]);
    }

    [Fact]
    public async Task Authorize_PromptNoneWithSession_IssuesACode()
    {
        using var browser = fixture.NewBrowser();
        await SignedInAuthTimeAsync(browser);
        var request = browser.NewRequest() with { Prompt = "none" };

        using var answer = await browser.AuthorizeAsync(request);

        Assert.NotNull(OidcBrowser.Callback(answer, request)["code"]);
    }

    [Fact]
    public async Task Authorize_PromptNoneWithMaxAgeZero_ReturnsLoginRequired()
    {
        using var browser = fixture.NewBrowser();
        await SignedInAuthTimeAsync(browser);
        var request = browser.NewRequest() with { Prompt = "none", MaxAge = 0 };

        using var answer = await browser.AuthorizeAsync(request);

        Assert.Equal("login_required", OidcBrowser.Callback(answer, request)["error"]);
    }

    [Fact]
    public async Task SessionCookie_AfterSignIn_IsHostPrefixedSecureHttpOnlyLax()
    {
        using var browser = fixture.NewBrowser();
        using var page = await browser.AuthorizeAsync(browser.NewRequest());

        using var answer = await browser.SubmitAsync(page, Amelia.Email, Amelia.Password);

        var cookie = answer.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-stub-session=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<long> SignedInAuthTimeAsync(OidcBrowser browser)
    {
        var request = browser.NewRequest();
        var code = (await browser.SignInAsync(Amelia, request))["code"]!;
        return await AuthTimeAsync(browser, request, code);
    }

    private static async Task<long> AuthTimeAsync(OidcBrowser browser, AuthorizationRequest request, string code)
    {
        using var response = await browser.RedeemAsync(code, request.Pkce.Verifier, request.Party);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var idToken = (await OidcBrowser.ReadJsonAsync(response)).GetProperty("id_token").GetString()!;
        var jwt = await IdTokens.ValidateAsync(browser.Provider, idToken, request.Party.ClientId, request.Nonce);
        Assert.Equal("3", jwt.Subject);
        return jwt.GetPayloadValue<long>("auth_time");
    }
}
