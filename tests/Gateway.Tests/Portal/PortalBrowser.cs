using System.Net;
using System.Security.Cryptography.X509Certificates;
using LegacyStub;

namespace Gateway.Tests.Portal;

/// <summary>
/// A browser against the portal over real HTTPS: one cookie jar for the gateway and the provider, redirects followed
/// one by one (so a test can stop at any of them), forms read from the pages and posted with their hidden fields.
/// Trusts exactly the gateway's and the provider's certificates.
/// </summary>
public sealed class PortalBrowser : IDisposable
{
    private readonly PortalFixture _fixture;
    private readonly string _gatewayThumbprint;

    public PortalBrowser(PortalFixture fixture)
    {
        _fixture = fixture;
        using var gateway = X509Certificate2.CreateFromPem(File.ReadAllText(fixture.Gateway.CertificatePath));
        _gatewayThumbprint = gateway.Thumbprint;
        var handler = new HttpClientHandler
        {
            AllowAutoRedirect = false,
            CookieContainer = Cookies,
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate?.Thumbprint == _gatewayThumbprint || certificate?.Thumbprint == _fixture.Provider.Certificate.Thumbprint,
        };
        Http = new HttpClient(handler) { BaseAddress = fixture.PublicBase };
    }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    /// <summary>The last URL a response came from (after redirects).</summary>
    public Uri? Location { get; private set; }

    public async Task<HttpResponseMessage> GetAsync(string url) => await SendAsync(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>Follows redirects from <paramref name="response"/> until a page (or <paramref name="until"/> says stop).</summary>
    public async Task<HttpResponseMessage> FollowAsync(HttpResponseMessage response, Func<Uri, bool>? until = null)
    {
        for (var hops = 0; hops < 10 && IsRedirect(response.StatusCode); hops++)
        {
            var next = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            if (until?.Invoke(next) == true)
            {
                return response;
            }

            response.Dispose();
            response = await GetAsync(next.ToString());
        }

        return response;
    }

    /// <summary>
    /// Signs in from the portal's sign-in page: at the provider's form, or silently when the provider still has a
    /// session of this browser (as a real one would); returns the portal page it lands on.
    /// </summary>
    public async Task<HttpResponseMessage> SignInAsync(SeedLogin login)
    {
        var landed = await FollowAsync(await GetAsync("/client/signin"));
        return landed.StatusCode == HttpStatusCode.OK && IsProvider(landed) ? await FollowAsync(await SubmitLoginAsync(landed, login)) : landed;
    }

    /// <summary>Fills in the provider's form and presses Sign in (or Cancel).</summary>
    public async Task<HttpResponseMessage> SubmitLoginAsync(HttpResponseMessage page, SeedLogin login, string action = "sign-in")
    {
        var html = await page.Content.ReadAsStringAsync();
        var form = PageForm.Parse(html);
        var target = new Uri(page.RequestMessage!.RequestUri!, form.Action ?? page.RequestMessage.RequestUri!.PathAndQuery);
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, target)
        {
            Content = form.Submit(("email", login.Email), ("password", login.Password), ("stub_action", action)),
        });
    }

    /// <summary>Opens <paramref name="path"/>, fills in its form <paramref name="formId"/> and posts it; the answer is not followed.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string path, string formId, params (string Name, string Value)[] fields)
    {
        using var page = await GetAsync(path);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)page.StatusCode}");
        var form = PageForm.Parse(await page.Content.ReadAsStringAsync(), formId);
        var target = new Uri(page.RequestMessage!.RequestUri!, form.Action ?? page.RequestMessage.RequestUri!.PathAndQuery);
        return await SendAsync(new HttpRequestMessage(HttpMethod.Post, target) { Content = form.Submit(fields) });
    }

    public bool IsProvider(HttpResponseMessage response) => response.RequestMessage?.RequestUri?.Port == _fixture.Provider.Port;

    public void Dispose() => Http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request);
        Location = request.RequestUri;
        return response;
    }

    private static bool IsRedirect(HttpStatusCode status) => (int)status is >= 300 and < 400;
}
