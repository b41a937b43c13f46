using System.Net;
using Gateway.Tests.SecretScanning;

namespace Gateway.Tests.Portal;

/// <summary>The client's own page says why a token stopped working: leaked, with where it was found.</summary>
#pragma warning disable CA1001 // xunit disposes it through IAsyncLifetime.DisposeAsync
public sealed class PortalRevokedTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly GitHubStandIn _github = new();
    private readonly PortalFixture _portal = new();

    public async Task InitializeAsync()
    {
        _portal.Environment["Gateway__SecretScanning__GitHub__Enabled"] = "true";
        _portal.Environment["Gateway__SecretScanning__GitHub__KeysUrl"] = _github.KeysUrl;
        await _portal.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _portal.DisposeAsync();
        _github.Dispose();
    }

    [Fact]
    public async Task TokenPage_TokenRevokedAsLeaked_ShowsItWithWhereItWasFound()
    {
        const string url = "https://github.com/brightpixel/site/blob/9a8b/deploy.sh";
        using var session = await PortalSession.SignInAsync(_portal, 1);
        var (plaintext, _) = await session.CreateAsync("Leaky Script", "account:read");
        using (var api = _portal.Gateway.CreateClient())
        using (var report = await api.SendAsync(_github.Post(GitHubStandIn.Report((plaintext, url)))))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        }

        using var page = await session.Browser.GetAsync("/client/api-tokens");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var revoked = html[html.IndexOf("id=\"revoked-tokens\"", StringComparison.Ordinal)..];
        Assert.Contains("Leaky Script", revoked, StringComparison.Ordinal);
        Assert.Contains($"Leaked: found at <code class=\"leaked-url\">{url}</code>", revoked, StringComparison.Ordinal);
        Assert.DoesNotContain(plaintext, html, StringComparison.Ordinal);
        // Not among the working tokens any more.
        var working = html[..html.IndexOf("id=\"revoked-tokens\"", StringComparison.Ordinal)];
        Assert.DoesNotContain("Leaky Script", working[working.IndexOf("id=\"tokens\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }
}
