using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hosting;

/// <summary>
/// The listener split is routing's (ListenerMatcherPolicy): the public listener answers only its own endpoints, and
/// another listener's path is a plain 404 whatever the method — never a 405 that would tell a caller it exists there.
/// </summary>
public sealed class ListenerSplitTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Theory]
    [InlineData("GET", "/signin")]
    [InlineData("POST", "/signin")]
    [InlineData("DELETE", "/admin/api/v1/tokens/1")]
    [InlineData("PUT", "/admin/api/v1/roles/x")]
    [InlineData("GET", "/metrics")]
    [InlineData("GET", "/readyz")]
    [InlineData("GET", "/site.css")]
    [InlineData("POST", "/anything.txt")]
    [InlineData("GET", "/openapi/admin.json")]
    public async Task Public_AdminOrFrameworkPaths_Plain404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path).From($"192.0.2.{(uint)path.GetHashCode(StringComparison.Ordinal) % 200}");

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found.", await response.MessageAsync());
    }

    [Theory]
    [InlineData("/api/v1/me")]
    [InlineData("/healthz")]
    [InlineData("/openapi/client.json")]
    public async Task Admin_PublicPaths_404(string path)
    {
        using var response = await gateway.CreateAdminClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Docs_EachListenerItsOwnDocument()
    {
        using var client = await gateway.CreateHttpsClient().GetAsync(new Uri("/openapi/client.json", UriKind.Relative));
        using var admin = await gateway.CreateAdminClient().GetAsync(new Uri("/openapi/admin.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, client.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
    }
}
