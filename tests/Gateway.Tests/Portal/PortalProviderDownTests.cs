using System.Net;
using System.Net.Http.Headers;
using LegacyStub;

namespace Gateway.Tests.Portal;

/// <summary>The billing system's provider down or unreachable: the portal shows a clear 503 page, the API keeps working.</summary>
public sealed class PortalProviderDownTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task ProviderDown_SignInAndCallbackShow503_ApiUnaffected()
    {
        var created = await fixture.CliAsync("tokens", "create", "--client", "1", "--name", "cli-made", "--scopes", "account:read");
        var plaintext = created.GetProperty("token").GetString()!;

        // Down before the gateway ever read its discovery document: signing in is a 503 page.
        await fixture.StopProviderAsync();
        using var cold = fixture.NewBrowser();
        using var unavailable = await cold.FollowAsync(await cold.GetAsync("/client/api-tokens"));
        using var me = await ApiAsync(plaintext);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        Assert.Contains("The client area is unavailable", await unavailable.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);

        // Back, and down again while a sign-in is under way: the code cannot be redeemed, a 503 page, no session.
        // The gateway asks for discovery again 10 s after a failure (Gateway/Portal/PortalOidcSetup): poll for at most 30 s.
        await fixture.StartProviderAsync();
        using var browser = fixture.NewBrowser();
        var form = await browser.FollowAsync(await browser.GetAsync("/client/signin"));
        for (var attempt = 0; attempt < 60 && !browser.IsProvider(form); attempt++)
        {
            form.Dispose();
            await Task.Delay(500);
            form = await browser.FollowAsync(await browser.GetAsync("/client/signin"));
        }

        Assert.True(browser.IsProvider(form), $"{(int)form.StatusCode} at {browser.Location}");
        using var toCallback = await browser.SubmitLoginAsync(form, SeedLogins.ForClient(1));
        form.Dispose();
        var callback = toCallback.Headers.Location!.ToString();
        await fixture.StopProviderAsync();
        using var redeem = await browser.FollowAsync(await browser.GetAsync(callback));
        using var stillServed = await ApiAsync(plaintext);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, redeem.StatusCode);
        Assert.DoesNotContain(browser.Cookies.GetCookies(fixture.PublicBase), c => c.Name == "__Host-gateway-portal");
        Assert.Equal(HttpStatusCode.OK, stillServed.StatusCode);
        await fixture.StartProviderAsync();
    }

    private async Task<HttpResponseMessage> ApiAsync(string token)
    {
        using var api = fixture.ApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await api.SendAsync(request);
    }
}
