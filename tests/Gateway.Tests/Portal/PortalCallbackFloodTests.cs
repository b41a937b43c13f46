using System.Net;
using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Portal;

/// <summary>
/// Forged callbacks cost an address what bad tokens cost it: each counts against its failed-auth limit (30 a minute by
/// default), and past it the callback is answered 429 before the OpenID Connect handler runs. On a gateway of its own,
/// since every request of these tests comes from 127.0.0.1.
/// </summary>
public sealed class PortalCallbackFloodTests(PortalFixture fixture) : IClassFixture<PortalFixture>
{
    [Fact]
    public async Task Callback_ForgedPastTheFailedAuthLimit_429AndEachRecordedAsSignInRefused()
    {
        using var browser = fixture.NewBrowser();
        var statuses = new List<HttpStatusCode>();

        // Bounded: the default limit, then one more.
        for (var i = 0; i < 31; i++)
        {
            using var callback = await browser.GetAsync($"/client/signin-oidc?code=forged-{i}&state=not-a-state");
            statuses.Add(callback.StatusCode);
        }

        Assert.True(statuses.Take(30).All(s => s == HttpStatusCode.Redirect), string.Join(",", statuses));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        // The audit writer works in the background: wait (bounded) for all 31 events.
        List<string> requests = [];
        await Eventually.TrueAsync(
            async () => (requests = [.. (await AuditFile.ReadLinesAsync(fixture.AuditFolder))
                .Where(l => l.Contains("\"Path\":\"/client/signin-oidc", StringComparison.Ordinal))]).Count >= 31,
            "an audit event for each callback");
        Assert.Equal(30, requests.Count(l => l.Contains("\"Reason\":\"sign_in_refused\"", StringComparison.Ordinal)));
        Assert.Single(requests, l => l.Contains("\"Reason\":\"auth_rate_limited\"", StringComparison.Ordinal));
    }
}
