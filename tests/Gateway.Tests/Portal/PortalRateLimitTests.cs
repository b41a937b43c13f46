using System.Net;

namespace Gateway.Tests.Portal;

/// <summary>Portal actions are limited per client (and per address), at the default settings, on a gateway of their own.</summary>
public sealed class PortalRateLimitTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Actions_PerClient_LimitedAtTheDefault30AMinute()
    {
        using var session = await PortalSession.SignInAsync(fixture, 1);
        using var page = await session.Browser.GetAsync("/client/api-tokens");
        var antiforgery = PageForm.Parse(await page.Content.ReadAsStringAsync(), "create-form").Inputs.Single(i => i.Key == "__RequestVerificationToken").Value;
        var statuses = new List<HttpStatusCode>();

        // Invalid creates (nothing is stored), so only the limit changes the answer; bounded: 31 posts.
        for (var i = 0; i < 31; i++)
        {
            using var post = await session.Browser.Http.PostAsync(new Uri("/client/api-tokens", UriKind.Relative), new FormUrlEncodedContent(
                [new("Form.Name", "bad/name"), new("Form.Scopes", "account:read"), new("Form.Expiry", "never"), new("__RequestVerificationToken", antiforgery)]));
            statuses.Add(post.StatusCode);
        }

        Assert.True(statuses.Take(30).All(s => s == HttpStatusCode.BadRequest), string.Join(",", statuses));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }
}
