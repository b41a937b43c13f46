using System.Net;
using System.Text.RegularExpressions;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A browser's view of the admin listener without a browser: one cookie jar, forms posted with the antiforgery token
/// of the page they are on, redirects not followed (so tests see them). <see cref="StaffCookie"/> is what an attacker
/// who copied the cookie would hold.
/// </summary>
public sealed partial class StaffBrowser : IDisposable
{
    public const string CookieName = "__Host-gateway-admin";

    private readonly Func<HttpClient> _bare;

    private StaffBrowser(HttpClient client, CookieContainer cookies, Func<HttpClient> bare)
    {
        Client = client;
        Cookies = cookies;
        _bare = bare;
    }

    public HttpClient Client { get; }

    public CookieContainer Cookies { get; }

    /// <summary>The staff session cookie's value now, or null.</summary>
    public string? StaffCookie => Cookies.GetCookies(Client.BaseAddress!)[CookieName]?.Value;

    /// <summary>A browser on the in-process gateway's admin listener.</summary>
    public static StaffBrowser On(GatewayFixture gateway, string peer = "203.0.113.10")
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var cookies = new CookieContainer();
        var client = gateway.CreateDefaultClient(new Uri("https://localhost"), new CookieJar(cookies), new AdminListener(peer));
        return new StaffBrowser(client, cookies, () => gateway.CreateDefaultClient(new Uri("https://localhost"), new AdminListener(peer)));
    }

    /// <summary>A browser on a gateway process's admin listener.</summary>
    public static StaffBrowser On(GatewayProcess instance, CookieContainer? cookies = null)
    {
        ArgumentNullException.ThrowIfNull(instance);
        cookies ??= new CookieContainer();
        return new StaffBrowser(instance.CreateClient(admin: true, cookies), cookies, () => instance.CreateClient(admin: true));
    }

    public async Task<(HttpStatusCode Status, string Body)> GetAsync(string path)
    {
        using var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens <paramref name="page"/>, then posts <paramref name="fields"/> to <paramref name="action"/> (default: the page) with its antiforgery token.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string page, IReadOnlyDictionary<string, string> fields, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var (_, html) = await GetAsync(page);
        var token = AntiforgeryField().Match(html);
        var all = new Dictionary<string, string>(fields);
        if (token.Success)
        {
            all["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        }

        using var form = new FormUrlEncodedContent(all);
        return await Client.PostAsync(new Uri(action ?? page, UriKind.Relative), form);
    }

    /// <summary>Posts the sign-in form; the answer is a redirect (signed in, or on to the MFA step) or 401.</summary>
    public Task<HttpResponseMessage> SignInAsync(string username, string password) =>
        PostFormAsync("/signin", new Dictionary<string, string> { ["Username"] = username, ["Password"] = password });

    /// <summary>Signs out through the header's form.</summary>
    public Task<HttpResponseMessage> SignOutAsync() => PostFormAsync("/", new Dictionary<string, string>(), "/signout");

    /// <summary>What a request carrying only <paramref name="cookieValue"/> as the staff cookie gets: a fresh client, as an attacker would send it.</summary>
    public async Task<HttpStatusCode> ReplayAsync(string cookieValue, string path = "/admin/api/v1/tokens")
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Cookie", $"{CookieName}={cookieValue}");
        using var bare = _bare();
        using var response = await bare.SendAsync(request);
        return response.StatusCode;
    }

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    /// <summary>Keeps cookies as a browser does (the test server's handler has no jar of its own that a test can read).</summary>
    private sealed class CookieJar(CookieContainer cookies) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            if (cookies.GetCookieHeader(uri) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var values))
            {
                foreach (var value in values)
                {
                    cookies.SetCookies(uri, value);
                }
            }

            return response;
        }
    }

    private sealed class AdminListener(string peer) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add(TestPeer.ListenerHeader, Gateway.Hosting.Listener.AdminName);
            request.Headers.Add(TestPeer.Header, peer);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
