using System.Net;
using System.Text.RegularExpressions;
using LegacyStub;

namespace Gateway.Tests.Portal;

/// <summary>A signed-in portal browser for one client, with the steps the tests repeat.</summary>
public sealed partial class PortalSession(PortalBrowser browser, SeedLogin login) : IDisposable
{
    public PortalBrowser Browser { get; } = browser;

    public SeedLogin Login { get; } = login;

    public static async Task<PortalSession> SignInAsync(PortalFixture fixture, long clientId)
    {
        var browser = fixture.NewBrowser();
        var login = SeedLogins.ForClient(clientId);
        using var page = await browser.SignInAsync(login);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        return new PortalSession(browser, login);
    }

    /// <summary>Creates a token through the form; returns the plaintext shown in the green box (and the page).</summary>
    public async Task<(string Plaintext, string Html)> CreateAsync(string name, params string[] scopes)
    {
        using var posted = await PostCreateAsync(name, scopes);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        using var page = await Browser.FollowAsync(posted);
        var html = await page.Content.ReadAsStringAsync();
        var match = NewToken().Match(html);
        Assert.True(match.Success, "No new token box on the page.");
        return (match.Groups["token"].Value, html);
    }

    public Task<HttpResponseMessage> PostCreateAsync(string name, string[] scopes, params (string Name, string Value)[] more)
    {
        // The form pre-ticks every scope the client may grant: untick them all, then tick the wanted ones.
        var fields = new List<(string, string)> { ("Form.Name", name) };
        fields.AddRange(more);
        return PostCreateCoreAsync(fields, scopes);
    }

    private async Task<HttpResponseMessage> PostCreateCoreAsync(List<(string Name, string Value)> fields, string[] scopes)
    {
        using var page = await Browser.GetAsync("/client/api-tokens");
        var form = PageForm.Parse(await page.Content.ReadAsStringAsync(), "create-form");
        var inputs = form.Inputs.Where(i => i.Key != "Form.Scopes" && fields.All(f => f.Name != i.Key)).ToList();
        inputs.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        inputs.AddRange(scopes.Select(s => new KeyValuePair<string, string>("Form.Scopes", s)));
        return await Browser.Http.PostAsync(new Uri("/client/api-tokens", UriKind.Relative), new FormUrlEncodedContent(inputs));
    }

    /// <summary>Presses Revoke (or Revoke all) and returns the redirect to the provider, not yet followed.</summary>
    public Task<HttpResponseMessage> StartRevokeAsync(long tokenId) =>
        Browser.PostFormAsync($"/client/api-tokens/{tokenId}/revoke", "revoke-form");

    public Task<HttpResponseMessage> StartRevokeAllAsync() => Browser.PostFormAsync("/client/api-tokens/revoke-all", "revoke-all-form");

    /// <summary>At the provider: enters <paramref name="who"/>'s password (or cancels); returns the portal page landed on.</summary>
    public async Task<HttpResponseMessage> ReauthenticateAsync(HttpResponseMessage toProvider, SeedLogin? who = null, string action = "sign-in")
    {
        using var form = await Browser.FollowAsync(toProvider);
        Assert.True(Browser.IsProvider(form) && form.StatusCode == HttpStatusCode.OK, $"Expected the provider's form (prompt=login), got {(int)form.StatusCode} {form.RequestMessage?.RequestUri}");
        return await Browser.FollowAsync(await Browser.SubmitLoginAsync(form, who ?? Login, action));
    }

    public void Dispose() => Browser.Dispose();

    [GeneratedRegex("<code id=\"new-token-value\">(?<token>[^<]+)</code>")]
    private static partial Regex NewToken();

}
