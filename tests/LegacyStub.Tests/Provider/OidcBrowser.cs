using System.Collections.Specialized;
using System.Net;
using System.Text.Json;
using System.Web;
using LegacyStub.Provider;

namespace LegacyStub.Tests.Provider;

/// <summary>
/// A browser and its relying party in one: its own cookie jar (the provider session), redirects read rather
/// than followed, and the back-channel calls (token, userinfo) a relying party makes. Over real HTTPS, trusting
/// only the provider's certificate.
/// </summary>
public sealed class OidcBrowser : IDisposable
{
    public OidcBrowser(OidcProvider provider, RelyingParty party)
    {
        Provider = provider;
        Party = party;
        var handler = provider.CreateTrustingHandler();
        handler.AllowAutoRedirect = false;
        handler.UseCookies = true;
        handler.CookieContainer = Cookies;
        Http = new HttpClient(handler) { BaseAddress = provider.Issuer };
    }

    public OidcProvider Provider { get; }

    public RelyingParty Party { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public bool HasSession => Cookies.GetCookies(Provider.Issuer).Any(cookie => cookie.Name == "__Host-stub-session");

    public AuthorizationRequest NewRequest() => new(Party);

    public Task<HttpResponseMessage> AuthorizeAsync(AuthorizationRequest request) =>
        Http.GetAsync(new Uri(request.PathAndQuery, UriKind.Relative));

    /// <summary>Fills in the form on <paramref name="page"/> and presses the button with <paramref name="action"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(
        HttpResponseMessage page, string email, string password, string action = "sign-in")
    {
        var form = HtmlForm.Parse(await page.Content.ReadAsStringAsync());
        return await Http.PostAsync(
            new Uri(form.Action, UriKind.Relative),
            form.Submit(("email", email), ("password", password), ("stub_action", action)));
    }

    /// <summary>The whole interactive sign-in: authorize, the form, the password; returns the callback's parameters.</summary>
    public async Task<NameValueCollection> SignInAsync(SeedLogin login, AuthorizationRequest? request = null)
    {
        request ??= NewRequest();
        using var page = await AuthorizeAsync(request);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var callback = await SubmitAsync(page, login.Email, login.Password);
        return Callback(callback, request);
    }

    /// <summary>The query of a redirect to the relying party; asserts it goes to the registered redirect URI.</summary>
    public static NameValueCollection Callback(HttpResponseMessage response, AuthorizationRequest request)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(request.RedirectUri.GetLeftPart(UriPartial.Path), location.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(location.Query);
        Assert.Equal(request.State, query["state"]);
        return query;
    }

    /// <summary>The relying party's token request (client_secret_post), as sent; the caller reads the answer.</summary>
    public Task<HttpResponseMessage> RedeemAsync(string code, string? verifier, RelyingParty? party = null, Uri? redirectUri = null)
    {
        party ??= Party;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("grant_type", "authorization_code"),
            new("code", code),
            new("redirect_uri", (redirectUri ?? party.RedirectUri).ToString()),
            new("client_id", party.ClientId),
            new("client_secret", party.Secret),
        };
        if (verifier is not null)
        {
            fields.Add(new("code_verifier", verifier));
        }

        return Http.PostAsync(new Uri("connect/token", UriKind.Relative), new FormUrlEncodedContent(fields));
    }

    /// <summary>Sign-in and redemption in one; returns the token response's JSON.</summary>
    public async Task<JsonElement> SignInAndRedeemAsync(SeedLogin login, AuthorizationRequest? request = null)
    {
        request ??= NewRequest();
        var callback = await SignInAsync(login, request);
        using var response = await RedeemAsync(callback["code"]!, request.Pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadJsonAsync(response);
    }

    public static async Task<JsonElement> ReadJsonAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public void Dispose() => Http.Dispose();
}
