using System.Net;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Docs;

/// <summary>Scalar at <c>/docs</c> on both listeners: each page loads only its own document and only local scripts.</summary>
public sealed partial class DocsPageTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    public static TheoryData<bool, string, string> Listeners() => new()
    {
        { false, "openapi/client.json", "openapi/admin.json" },
        { true, "openapi/admin.json", "openapi/client.json" },
    };

    [Theory]
    [MemberData(nameof(Listeners))]
    public async Task Docs_EachListener_AnswersHtmlReferencingOnlyItsOwnDocument(bool admin, string own, string other)
    {
        using var response = await Client(admin).GetAsync(new Uri("/docs/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"\"url\":\"{own}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(other, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Docs_EachListener_LoadsScalarFromItselfWithNothingThatCallsOut(bool admin)
    {
        var client = Client(admin);
        var html = await client.GetStringAsync(new Uri("/docs/", UriKind.Relative));

        var sources = ScriptSource().Matches(html).Select(m => m.Groups["src"].Value).ToList();
        Assert.Equal(["scalar.js", "scalar.aspnetcore.js"], sources);
        foreach (var source in sources)
        {
            using var script = await client.GetAsync(new Uri("/docs/" + source, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
            Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        }

        Assert.DoesNotContain("cdn.", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Docs_Page_HasCspWhoseNonceIsOnEveryScript(bool admin)
    {
        using var response = await Client(admin).GetAsync(new Uri("/docs/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        var policy = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        var nonce = Nonce().Match(policy).Groups["nonce"].Value;
        Assert.NotEmpty(nonce);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        var scripts = ScriptTag().Matches(html);
        Assert.Equal(3, scripts.Count);
        Assert.All(scripts, script => Assert.Contains($"nonce=\"{nonce}\"", WebUtility.HtmlDecode(script.Value), StringComparison.Ordinal));

        using var again = await Client(admin).GetAsync(new Uri("/docs/", UriKind.Relative));
        Assert.NotEqual(policy, Assert.Single(again.Headers.GetValues("Content-Security-Policy")));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Docs_WithoutTrailingSlash_RedirectsToThePage(bool admin)
    {
        using var response = await Client(admin).GetAsync(new Uri("/docs", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("docs/", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData(false, "/docs/admin")]
    [InlineData(false, "/docs/v1")]
    [InlineData(true, "/docs/client")]
    public async Task Docs_AnotherDocumentName_Is404(bool admin, string path)
    {
        using var response = await Client(admin).GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private HttpClient Client(bool admin) => admin ? gateway.CreateAdminClient() : gateway.CreateHttpsClient();

    [GeneratedRegex("<script[^>]*\\bsrc=\"(?<src>[^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("<script\\b[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("script-src [^;]*'nonce-(?<nonce>[^']+)'")]
    private static partial Regex Nonce();
}
