using System.Net;
using System.Net.Http.Headers;

namespace LegacyStub.Tests.Provider;

public sealed class UserInfoTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private static readonly SeedLogin Ravi = SeedLogins.ForClient(4);

    [Fact]
    public async Task UserInfo_AccessToken_ReturnsTheClientsProfile()
    {
        using var browser = fixture.NewBrowser();
        var tokens = await browser.SignInAndRedeemAsync(Ravi);

        using var answer = await GetAsync(browser, tokens.GetProperty("access_token").GetString());

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await OidcBrowser.ReadJsonAsync(answer);
        Assert.Equal("4", body.GetProperty("sub").GetString());
        Assert.Equal(Ravi.Email, body.GetProperty("email").GetString());
        Assert.True(body.GetProperty("email_verified").GetBoolean());
        Assert.Equal("Ravi Patel", body.GetProperty("name").GetString());
        Assert.Equal("Ravi", body.GetProperty("given_name").GetString());
        Assert.Equal("Patel", body.GetProperty("family_name").GetString());
    }

    [Fact]
    public async Task UserInfo_TokenWithOpenIdScopeOnly_ReturnsOnlyTheSubject()
    {
        using var browser = fixture.NewBrowser();
        var tokens = await browser.SignInAndRedeemAsync(Ravi, browser.NewRequest() with { Scope = "openid" });

        using var answer = await GetAsync(browser, tokens.GetProperty("access_token").GetString());

        var body = await OidcBrowser.ReadJsonAsync(answer);
        Assert.Equal(["sub"], body.EnumerateObject().Select(property => property.Name));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0.eyJzdWIiOiIxIn0.")]
    public async Task UserInfo_MissingOrForgedToken_Returns401(string? token)
    {
        using var browser = fixture.NewBrowser();

        using var answer = await GetAsync(browser, token);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("Bearer", answer.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task UserInfo_IdTokenInsteadOfAccessToken_Returns401()
    {
        using var browser = fixture.NewBrowser();
        var tokens = await browser.SignInAndRedeemAsync(Ravi);

        using var answer = await GetAsync(browser, tokens.GetProperty("id_token").GetString());

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
    }

    private static Task<HttpResponseMessage> GetAsync(OidcBrowser browser, string? token)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, "connect/userinfo");
        if (token is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return browser.Http.SendAsync(message);
    }
}
