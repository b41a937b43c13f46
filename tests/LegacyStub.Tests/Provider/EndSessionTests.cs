using System.Net;
using System.Web;

namespace LegacyStub.Tests.Provider;

public sealed class EndSessionTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private static readonly SeedLogin Noah = SeedLogins.ForClient(5);

    [Fact]
    public async Task EndSession_IdTokenHintOfTheSession_ClearsItAndReturnsToTheRelyingParty()
    {
        using var browser = fixture.NewBrowser();
        var idToken = (await browser.SignInAndRedeemAsync(Noah)).GetProperty("id_token").GetString()!;

        using var answer = await browser.Http.GetAsync(LogoutUri(idToken, ProviderFixture.Portal.PostLogoutRedirectUri, "bye-state"));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var location = answer.Headers.Location!;
        Assert.Equal(ProviderFixture.Portal.PostLogoutRedirectUri.ToString(), location.GetLeftPart(UriPartial.Path));
        Assert.Equal("bye-state", HttpUtility.ParseQueryString(location.Query)["state"]);
        Assert.False(browser.HasSession);
        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task EndSession_WithoutHint_AsksToConfirmThenSignsOut()
    {
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(Noah);

        using var page = await browser.Http.GetAsync(LogoutUri(null, ProviderFixture.Portal.PostLogoutRedirectUri, null));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(browser.HasSession);
        var form = HtmlForm.Parse(await page.Content.ReadAsStringAsync());
        using var answer = await browser.Http.PostAsync(new Uri(form.Action, UriKind.Relative), form.Submit(("stub_action", "sign-out")));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal(ProviderFixture.Portal.PostLogoutRedirectUri.ToString(), answer.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.False(browser.HasSession);
        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task EndSession_ConfirmWithoutAntiforgery_KeepsTheSession()
    {
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(Noah);
        using var page = await browser.Http.GetAsync(LogoutUri(null, null, null));
        var form = HtmlForm.Parse(await page.Content.ReadAsStringAsync());

        using var answer = await browser.Http.PostAsync(
            new Uri(form.Action, UriKind.Relative), form.Submit(("stub_action", "sign-out"), ("__stub_antiforgery", "forged")));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.True(browser.HasSession);
    }

    [Fact]
    public async Task EndSession_NoPostLogoutRedirectUri_ShowsTheSignedOutPage()
    {
        using var browser = fixture.NewBrowser();
        var idToken = (await browser.SignInAndRedeemAsync(Noah)).GetProperty("id_token").GetString()!;

        using var answer = await browser.Http.GetAsync(LogoutUri(idToken, null, null));

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/signed-out", answer.Headers.Location!.OriginalString);
        using var page = await browser.Http.GetAsync(answer.Headers.Location);
        Assert.Contains("You have signed out", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(browser.HasSession);
    }

    [Theory]
    [InlineData("https://attacker.example.test/")]
    [InlineData("https://other.example.test/bye")]
    public async Task EndSession_PostLogoutUriNotRegisteredForTheClient_IsRefusedWithoutRedirect(string target)
    {
        using var browser = fixture.NewBrowser();
        var idToken = (await browser.SignInAndRedeemAsync(Noah)).GetProperty("id_token").GetString()!;

        using var answer = await browser.Http.GetAsync(LogoutUri(idToken, new Uri(target), null, ProviderFixture.Portal.ClientId));

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.Null(answer.Headers.Location);
        Assert.True(browser.HasSession);
    }

    // OpenIddict treats an invalid hint as no hint (it is optional); without proof of the session the client confirms.
    [Fact]
    public async Task EndSession_ForgedIdTokenHint_AsksToConfirmAndKeepsTheSession()
    {
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(Noah);

        using var answer = await browser.Http.GetAsync(
            LogoutUri("eyJhbGciOiJub25lIn0.eyJzdWIiOiI1In0.", ProviderFixture.Portal.PostLogoutRedirectUri, null));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("value=\"sign-out\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(browser.HasSession);
    }

    [Fact]
    public async Task EndSession_IdTokenHintOfAnotherClient_AsksToConfirm()
    {
        using var other = fixture.NewBrowser();
        var othersIdToken = (await other.SignInAndRedeemAsync(SeedLogins.ForClient(1))).GetProperty("id_token").GetString()!;
        using var browser = fixture.NewBrowser();
        await browser.SignInAsync(Noah);

        using var answer = await browser.Http.GetAsync(LogoutUri(othersIdToken, ProviderFixture.Portal.PostLogoutRedirectUri, null));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("value=\"sign-out\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(browser.HasSession);
    }

    private static async Task AssertSignedOutAsync(OidcBrowser browser)
    {
        var request = browser.NewRequest() with { Prompt = "none" };
        using var silent = await browser.AuthorizeAsync(request);
        Assert.Equal("login_required", OidcBrowser.Callback(silent, request)["error"]);
    }

    private static Uri LogoutUri(string? idTokenHint, Uri? postLogout, string? state, string? clientId = null)
    {
        var parameters = new List<string>();
        if (idTokenHint is not null)
        {
            parameters.Add("id_token_hint=" + Uri.EscapeDataString(idTokenHint));
        }

        if (postLogout is not null)
        {
            parameters.Add("post_logout_redirect_uri=" + Uri.EscapeDataString(postLogout.ToString()));
        }

        if (state is not null)
        {
            parameters.Add("state=" + Uri.EscapeDataString(state));
        }

        if (clientId is not null)
        {
            parameters.Add("client_id=" + Uri.EscapeDataString(clientId));
        }

        return new Uri("connect/logout" + (parameters.Count > 0 ? "?" + string.Join('&', parameters) : ""), UriKind.Relative);
    }
}
