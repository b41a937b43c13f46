using System.Net;
using System.Web;
using Gateway.Tests.Audit;
using LegacyStub;

namespace Gateway.Tests.Portal;

/// <summary>
/// Forged and replayed answers to the portal's callback, crafted by hand against the running gateway: bad state, a
/// replayed callback, id_tokens that are unsigned, <c>alg: none</c>, signed by someone else, from another issuer or
/// expired. Each is refused by the OpenID Connect handler's own checks, audited, and leaves no session behind.
/// </summary>
public sealed class PortalCallbackTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Callback_BadState_RefusedAuditedNoSession()
    {
        using var browser = fixture.NewBrowser();
        var refusals = await RefusalsAsync();

        using var callback = await browser.GetAsync("/client/signin-oidc?code=forged&state=not-a-state");
        using var page = await browser.FollowAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Sign-in refused", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        AssertNoSession(browser);
        await AssertRefusalAuditedAsync(refusals);
    }

    [Fact]
    public async Task Callback_Replayed_RefusedInTheSameAndAnotherBrowser()
    {
        using var browser = fixture.NewBrowser();
        using var form = await browser.FollowAsync(await browser.GetAsync("/client/signin"));
        using var toCallback = await browser.SubmitLoginAsync(form, SeedLogins.ForClient(1));
        var callback = toCallback.Headers.Location!.ToString();
        using (var first = await browser.FollowAsync(await browser.GetAsync(callback)))
        {
            Assert.Equal("/client/api-tokens", browser.Location!.AbsolutePath);
        }

        using var other = fixture.NewBrowser();
        using var replayedElsewhere = await other.FollowAsync(await other.GetAsync(callback));
        using var replayedHere = await browser.FollowAsync(await browser.GetAsync(callback));

        Assert.Equal(HttpStatusCode.BadRequest, replayedElsewhere.StatusCode);
        AssertNoSession(other);
        Assert.Equal(HttpStatusCode.BadRequest, replayedHere.StatusCode);
    }

    [Theory]
    [InlineData("alg-none")]
    [InlineData("unsigned")]
    [InlineData("attacker-key")]
    [InlineData("wrong-issuer")]
    [InlineData("expired")]
    public async Task Callback_ForgedIdToken_RefusedAuditedNothingCreated(string forgery)
    {
        using var browser = fixture.NewBrowser();
        // A real challenge, so state and the correlation cookie are genuine: only the id_token is forged.
        using var challenge = await browser.FollowAsync(await browser.GetAsync("/client/signin"), until: uri => uri.Port == fixture.Provider.Port);
        var authorize = HttpUtility.ParseQueryString(challenge.Headers.Location!.Query);
        var issuer = fixture.Provider.Issuer.ToString();
        var idToken = forgery switch
        {
            "alg-none" => ForgedIdToken.Create(issuer, PortalFixture.ClientId, "1", authorize["nonce"], alg: "none"),
            "unsigned" => ForgedIdToken.Create(issuer, PortalFixture.ClientId, "1", authorize["nonce"], sign: false),
            "attacker-key" => ForgedIdToken.Create(issuer, PortalFixture.ClientId, "1", authorize["nonce"]),
            "wrong-issuer" => ForgedIdToken.Create("https://attacker.example/", PortalFixture.ClientId, "1", authorize["nonce"]),
            _ => ForgedIdToken.Create(issuer, PortalFixture.ClientId, "1", authorize["nonce"], age: TimeSpan.FromHours(2)),
        };
        var before = (await fixture.TokensAsync(1)).Count;
        var refusals = await RefusalsAsync();

        using var callback = await browser.GetAsync(
            $"/client/signin-oidc?state={Uri.EscapeDataString(authorize["state"]!)}&id_token={Uri.EscapeDataString(idToken)}&code=forged");
        using var page = await browser.FollowAsync(callback);

        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        AssertNoSession(browser);
        using var tokens = await browser.GetAsync("/client/api-tokens");
        Assert.Equal(HttpStatusCode.Redirect, tokens.StatusCode);
        Assert.Equal(before, (await fixture.TokensAsync(1)).Count);
        await AssertRefusalAuditedAsync(refusals);
    }

    private void AssertNoSession(PortalBrowser browser) =>
        Assert.DoesNotContain(browser.Cookies.GetCookies(fixture.PublicBase), c => c.Name == "__Host-gateway-portal");

    /// <summary>Refused sign-ins in the audit log so far (tests of this class run one at a time).</summary>
    private async Task<int> RefusalsAsync() =>
        (await AuditFile.ReadLinesAsync(fixture.AuditFolder))
            .Count(l => l.Contains("\"portal.sign_in\"", StringComparison.Ordinal) && !l.Contains("\"succeeded\"", StringComparison.Ordinal));

    /// <summary>Waits (at most 10 s) for the writer to add a refusal after <paramref name="before"/>.</summary>
    private async Task AssertRefusalAuditedAsync(int before)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await RefusalsAsync() > before)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail("No new refused portal.sign_in event in the audit log.");
    }
}
