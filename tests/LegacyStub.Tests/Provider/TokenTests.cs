using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;

namespace LegacyStub.Tests.Provider;

public sealed class TokenTests(ProviderFixture fixture) : IClassFixture<ProviderFixture>
{
    private static readonly SeedLogin Lena = SeedLogins.ForClient(2);

    [Fact]
    public async Task Token_CodeWithTheRightVerifier_IssuesAnIdTokenValidAgainstTheJwks()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest();
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var tokens = await browser.SignInAndRedeemAsync(Lena, request);

        Assert.Equal("Bearer", tokens.GetProperty("token_type").GetString());
        var jwt = await IdTokens.ValidateAsync(
            fixture.Provider, tokens.GetProperty("id_token").GetString()!, ProviderFixture.Portal.ClientId, request.Nonce);
        Assert.Equal("RS256", jwt.Alg);
        Assert.Equal("2", jwt.Subject);
        Assert.Equal(Lena.Email, jwt.GetClaim("email").Value);
        Assert.Equal("Lena Hoffmann", jwt.GetClaim("name").Value);
        var authTime = jwt.GetPayloadValue<long>("auth_time");
        Assert.InRange(authTime, before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task Token_AccessToken_IsASignedJwtNamingTheClient()
    {
        using var browser = fixture.NewBrowser();

        var tokens = await browser.SignInAndRedeemAsync(Lena);

        var accessToken = new JsonWebToken(tokens.GetProperty("access_token").GetString()!);
        Assert.Equal("at+jwt", accessToken.Typ);
        Assert.Equal("2", accessToken.Subject);
        Assert.Equal(fixture.Provider.Issuer.ToString(), accessToken.Issuer);
        Assert.False(tokens.TryGetProperty("refresh_token", out _));
    }

    [Fact]
    public async Task Token_OpenIdScopeOnly_IdTokenCarriesNoProfileOrEmail()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest() with { Scope = "openid" };

        var tokens = await browser.SignInAndRedeemAsync(Lena, request);

        var jwt = await IdTokens.ValidateAsync(
            fixture.Provider, tokens.GetProperty("id_token").GetString()!, ProviderFixture.Portal.ClientId, request.Nonce);
        Assert.Equal("2", jwt.Subject);
        Assert.True(jwt.TryGetPayloadValue<long>("auth_time", out _));
        Assert.False(jwt.TryGetClaim("email", out _));
        Assert.False(jwt.TryGetClaim("name", out _));
    }

    [Fact]
    public async Task Token_WrongVerifier_IsRefusedAsInvalidGrant()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest();
        var callback = await browser.SignInAsync(Lena, request);

        using var answer = await browser.RedeemAsync(callback["code"]!, Pkce.Create().Verifier);

        await AssertErrorAsync(answer, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_MissingVerifier_IsRefused()
    {
        using var browser = fixture.NewBrowser();
        var callback = await browser.SignInAsync(Lena);

        using var answer = await browser.RedeemAsync(callback["code"]!, verifier: null);

        await AssertErrorAsync(answer, HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task Token_CodeRedeemedTwice_SecondIsRefused()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest();
        var code = (await browser.SignInAsync(Lena, request))["code"]!;
        using var first = await browser.RedeemAsync(code, request.Pkce.Verifier);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var second = await browser.RedeemAsync(code, request.Pkce.Verifier);

        await AssertErrorAsync(second, HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_WrongClientSecret_IsRefusedAsInvalidClient()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest();
        var code = (await browser.SignInAsync(Lena, request))["code"]!;

        using var answer = await browser.RedeemAsync(code, request.Pkce.Verifier, ProviderFixture.Portal with { Secret = "guessed" });

        await AssertErrorAsync(answer, HttpStatusCode.Unauthorized, "invalid_client");
    }

    [Fact]
    public async Task Token_CodeOfAnotherRelyingParty_IsRefused()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest();
        var code = (await browser.SignInAsync(Lena, request))["code"]!;

        using var answer = await browser.RedeemAsync(
            code, request.Pkce.Verifier, ProviderFixture.Other, redirectUri: ProviderFixture.Portal.RedirectUri);

        Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        Assert.False((await OidcBrowser.ReadJsonAsync(answer)).TryGetProperty("id_token", out _));
    }

    [Fact]
    public async Task Token_ClientSecretBasic_IsAccepted()
    {
        using var browser = fixture.NewBrowser();
        var request = browser.NewRequest();
        var code = (await browser.SignInAsync(Lena, request))["code"]!;
        var party = ProviderFixture.Portal;
        using var message = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = party.RedirectUri.ToString(),
                ["code_verifier"] = request.Pkce.Verifier,
            }),
        };
        message.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{party.ClientId}:{party.Secret}")));

        using var answer = await browser.Http.SendAsync(message);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task SignIn_EveryClientInSeveralBrowsersAtOnce_EachGetsItsOwnValidIdToken()
    {
        var logins = Enumerable.Range(0, 3).SelectMany(_ => SeedLogins.All).ToList();

        var subjects = await Task.WhenAll(logins.Select(async login =>
        {
            using var browser = fixture.NewBrowser();
            var request = browser.NewRequest();
            var tokens = await browser.SignInAndRedeemAsync(login, request);
            var jwt = await IdTokens.ValidateAsync(
                fixture.Provider, tokens.GetProperty("id_token").GetString()!, ProviderFixture.Portal.ClientId, request.Nonce);
            return (Expected: login.ClientId.ToString(System.Globalization.CultureInfo.InvariantCulture), Actual: jwt.Subject);
        }));

        Assert.All(subjects, pair => Assert.Equal(pair.Expected, pair.Actual));
    }

    private static async Task AssertErrorAsync(HttpResponseMessage answer, HttpStatusCode status, string error)
    {
        Assert.Equal(status, answer.StatusCode);
        var body = await OidcBrowser.ReadJsonAsync(answer);
        Assert.Equal(error, body.GetProperty("error").GetString());
        Assert.False(body.TryGetProperty("id_token", out _));
    }
}
