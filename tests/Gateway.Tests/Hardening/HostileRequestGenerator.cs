using System.Text;

namespace Gateway.Tests.Hardening;

/// <summary>The tokens and address the generator works with.</summary>
/// <param name="Routes">One path per route of yarp.json, with ids of records the valid token's client has.</param>
public sealed record HostileContext(string ValidToken, string OtherValidToken, string RevokedToken, string UnknownToken, int Port, IReadOnlyList<string> Routes);

/// <summary>
/// Generates hostile requests from a seed: the same seed gives the same requests, in the same order. Each case
/// picks a route, a token presentation and a twist at random; about one request in six is clean valid traffic.
/// </summary>
public sealed class HostileRequestGenerator(int seed, HostileContext context)
{
    private readonly Random _random = new(seed);
    private readonly List<(string Name, Func<HostileRequest> Make)> _cases = [];

    public IReadOnlyList<HostileRequest> Generate(int http1Count, int http2Count)
    {
        if (_cases.Count == 0)
        {
            AddCases();
        }

        var requests = new List<HostileRequest>(http1Count + http2Count);
        for (var i = 0; i < http1Count + http2Count; i++)
        {
            var http2 = i >= http1Count;
            HostileRequest request;
            do
            {
                var (name, make) = _cases[_random.Next(_cases.Count)];
                request = make() with { Case = name };
            }
            while (http2 && !CanBeHttp2(request));

            requests.Add(request with { Id = i + 1, Http2 = http2, Version = http2 ? "HTTP/2" : request.Version });
        }

        return requests;
    }

    // Raw frames carry any target and value; connection-specific fields are HTTP/1 framing, which HTTP/2 forbids.
    private static readonly string[] Http1OnlyHeaders = ["Transfer-Encoding", "Expect", "Connection", "Upgrade", "HTTP2-Settings", "Keep-Alive"];

    private static bool CanBeHttp2(HostileRequest r) =>
        r.Version == "HTTP/1.1" && r.Target.StartsWith('/') && !r.KestrelMayReject
        && r.Headers.All(h => h.Name.Length > 0 && h.Name.All(c => c > ' ' && c < 127 && c != ':') && h.Value.All(c => c is >= ' ' and not '\u007f'))
        && !r.Headers.Any(h => Http1OnlyHeaders.Contains(h.Name, StringComparer.OrdinalIgnoreCase))
        && r.Headers.Count(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)) <= 1;

    private void AddCases()
    {
        var valid = context.ValidToken;

        // Clean traffic, weighted: the suite proves valid requests keep working beside the hostile ones.
        for (var i = 0; i < 8; i++)
        {
            Add("valid", () => Get(Route(), Bearer(valid)) with { MustSucceed = true });
        }

        Add("valid-head", () => Request("HEAD", Route(), Bearer(valid)) with { MustSucceed = true });
        Add("valid-other-token", () => Get("/api/v1/invoices", Bearer(context.OtherValidToken)) with { MustSucceed = true });
        Add("valid-other-token-wrong-scope", () => Get("/api/v1/services", Bearer(context.OtherValidToken)));

        // Authorization header: missing, empty, odd schemes, spacing, case, duplicates, size.
        Add("auth-missing", () => Get(Route()));
        Add("auth-empty", () => Get(Route(), ("Authorization", "")));
        Add("auth-scheme-only", () => Get(Route(), ("Authorization", Pick("Bearer", "Bearer ", "bearer", "Bearer\t"))));
        Add("auth-lowercase-scheme", () => Get(Route(), ("Authorization", Pick("bearer ", "BEARER ", "bEaReR ") + valid)));
        Add("auth-extra-spaces", () => Get(Route(), ("Authorization", Pick("Bearer  ", "Bearer    ", "  Bearer ", "Bearer ") + valid + Pick("", " ", "  "))));
        // Whitespace around the field value is not part of it (RFC 9110 §5.5): the same answer on HTTP/1.1 and HTTP/2.
        Add("auth-trailing-whitespace", () => Get(Route(), ("Authorization", Pick("", " ", "\t") + "Bearer " + valid + Pick(" ", "\t", " \t"))) with { MustSucceed = true });
        Add("auth-tab", () => Get(Route(), ("Authorization", Pick("Bearer\t", "Bearer \t", "\tBearer\t") + valid)));
        Add("auth-no-space", () => Get(Route(), ("Authorization", "Bearer" + valid)));
        Add("auth-other-scheme", () => Get(Route(), ("Authorization", Pick("Basic ", "Token ", "Digest ", "OAuth ", "Bearer: ", "Bearer=") + valid)));
        Add("auth-trailing-junk", () => Get(Route(), ("Authorization", "Bearer " + valid + Pick(" x", ",", ";", " Bearer " + valid, "\t", "\u00a0"))) with { KestrelMayReject = true });
        Add("auth-two-credentials", () => Get(Route(), ("Authorization", $"Bearer {valid}, Bearer {valid}")));
        Add("auth-duplicate-header", () => Get(Route(), ("Authorization", "Bearer " + valid), (Pick("Authorization", "authorization"), "Bearer " + Pick(valid, context.OtherValidToken, "x"))));
        Add("auth-header-name-case", () => Get(Route(), (Pick("authorization", "AUTHORIZATION", "AuThOrIzAtIoN"), "Bearer " + valid)));
        Add("auth-other-header", () => Get(Route(), (Pick("Proxy-Authorization", "X-Authorization", "X-Api-Key", "Authorisation", "Cookie"), Pick("", "Bearer ", "token=") + valid)));
        Add("auth-oversized", () => Get(Route(), ("Authorization", "Bearer " + valid + new string('A', Pick(100, 1000, 7000)))));
        Add("auth-huge", () => Get(Route(), ("Authorization", "Bearer " + new string('A', Pick(33000, 70000)))) with { KestrelMayReject = true });
        Add("auth-non-ascii", () => Get(Route(), ("Authorization", "Bearer " + Mutate(valid, Pick("é", Utf8("é"), Utf8("ＡＢ"), "\u00ff", Utf8("\u200b"))))) with { KestrelMayReject = true });
        Add("auth-control-char", () => Get(Route(), ("Authorization", "Bearer " + Mutate(valid, Pick("\u0000", "\u0001", "\u001b", "\u007f", "\u000b", "\u000c")))) with { KestrelMayReject = true });
        Add("auth-folded", () => Get(Route(), ("Authorization", "Bearer\r\n " + valid)) with { KestrelMayReject = true });
        Add("auth-space-before-colon", () => Get(Route(), ("Authorization ", "Bearer " + valid)) with { KestrelMayReject = true });

        // Tokens: wrong length, prefix, checksum; unknown; revoked; another kind of credential.
        Add("token-wrong-length", () => Get(Route(), Bearer(Pick(valid[..^1], valid + "A", valid[..20], valid + valid))));
        Add("token-wrong-prefix", () => Get(Route(), Bearer(Pick("opt_test_", "OPT_LIVE_", "opt_admin_", "opt-live-", "") + valid[9..])));
        Add("token-wrong-checksum", () => Get(Route(), Bearer(valid[..^1] + (valid[^1] == 'A' ? 'B' : 'A'))));
        Add("token-changed-char", () => Get(Route(), Bearer(FlipChar(valid))));
        Add("token-unknown", () => Get(Route(), Bearer(context.UnknownToken)));
        Add("token-revoked", () => Get(Route(), Bearer(context.RevokedToken)));
        Add("token-case-changed", () => Get(Route(), Bearer(valid.ToUpperInvariant())));
        Add("token-in-query", () => Get(Route() + "?" + Pick("access_token=", "token=", "api_key=", "bearer=", "auth=Bearer%20") + valid, OptionalBearer()));
        Add("token-in-path", () => Get("/api/v1/me/" + valid, OptionalBearer()));
        Add("token-in-other-header", () => Get(Route(), (Pick("X-Token", "X-Auth-Token", "Api-Token"), valid)));

        // Paths: traversal, encodings, doubled slashes, backslashes, case, other surfaces.
        // "?=" is left out: WireMock.Net 2.21's query parser throws on it, and the stub answers 500 (the gateway
        // passes that through as the backend's answer).
        Add("path-traversal", () => Get(Pick(
            "/api/v1/../v1/me", "/api/v1/invoices/../../../admin/api/v1/tokens", "/api/v1/%2e%2e/v1/me", "/api/v1/%2E%2E/%2E%2E/admin/api/v1/tokens",
            "/api/v1/invoices/..%2f..%2fadmin", "/api/v1/%2e/me", "/api/v1/./me", "/healthz/../api/v1/me", "/docs/../api/v1/me",
            "/api/v1/invoices/1%2f..%2f..%2f", "/api/v1/invoices/%252e%252e", "/api/v1/me/..", "/api/v1/me/.", "/api/v1/..;/me",
            "/api/v1/invoices/1/..", "/../../etc/passwd", "/api/v1/invoices/1%00", "/api/v1/me%00.json", "/api/v1/me%0d%0aX-Client-Id:%202"), OptionalBearer()) with { KestrelMayReject = true });
        Add("path-encoded-slash", () => Get(Pick("/api%2fv1%2fme", "/api/v1%2Fme", "%2fapi/v1/me", "/api/v1/domains/201%2fdns", "/api/v1/invoices%2f1001"), OptionalBearer()) with { KestrelMayReject = true });
        Add("path-double-slash", () => Get(Pick("//api/v1/me", "/api//v1/me", "/api/v1//me", "/api/v1/invoices//1001", "///api/v1/me", "/api/v1/me//"), OptionalBearer()));
        Add("path-backslash", () => Get(Pick("/api\\v1\\me", "/api/v1\\me", "\\api\\v1\\me", "/api/v1/invoices\\..\\me", "/api/v1/%5c..%5cme"), OptionalBearer()) with { KestrelMayReject = true });
        Add("path-case-and-suffix", () => Get(Pick("/API/V1/ME", "/Api/v1/Me", "/api/v1/me/", "/api/v1/me;x=1", "/api/v1/me.json", "/api/v1/me%20", "/api/v1/me#frag"), OptionalBearer()));
        Add("path-ids", () => Get("/api/v1/invoices/" + Pick("-1", "0", "+1", "%201", "1.0", "1e3", "0x10", "99999999999999999999", "9223372036854775807", "-9223372036854775808", "NaN", "%31%30%30%31"), OptionalBearer()));
        Add("path-other-surface", () => Get(Pick("/admin/api/v1/tokens", "/metrics", "/readyz", "/audit", "/", "/api", "/api/v2/me", "/api/v1/tickets", "/docs", "/openapi/client.json", "/openapi/admin.json"), OptionalBearer()));
        Add("path-overlong", () => Get("/api/v1/" + new string('a', Pick(2000, 7000)), OptionalBearer()));
        Add("path-too-long", () => Get("/api/v1/" + new string('a', Pick(9000, 20000)), OptionalBearer()) with { KestrelMayReject = true });
        Add("path-non-ascii", () => Get(Pick("/api/v1/m" + Utf8("é"), "/api/v1/me\u00ff", "/api/v1/invoices/" + Utf8("١٠٠١"), "/api/v1/me\u0001"), OptionalBearer()) with { KestrelMayReject = true });
        Add("query-overlong", () => Get("/api/v1/invoices?q=" + new string('x', Pick(1000, 7000)), OptionalBearer()));
        Add("query-too-long", () => Get("/api/v1/invoices?q=" + new string('x', 9000), OptionalBearer()) with { KestrelMayReject = true });
        Add("query-odd", () => Get("/api/v1/invoices?" + Pick("&&&", "a=%", "a=%zz", "a=%u0041", "%00=1", "a[]=1&a[x]=2", "page=1&page=2", "?", "a=1#b", "client_id=2", "client_id%5B%5D=2", "user_id=3&page=2"), OptionalBearer()));
        Add("paging-extreme", () => Get(Pick("/api/v1/invoices", "/api/v1/orders", "/api/v1/domains") + "?" + Pick("page", "per_page") + "=" + Pick(
            "0", "-1", "-2147483649", "2147483648", "99999999999999999999999999", "1e308", "NaN", "Infinity", "1.5", "0x10", "%20", "", "abc", "1;2", "[]", "１"), Bearer(valid)));

        // Identity and method smuggling with a valid token: the backend must see the token's identity and a GET/HEAD.
        Add("spoof-identity", () => Get(Route(), Bearer(valid), (Pick("X-Client-Id", "x-client-id", "X_Client_Id", "X-Client.Id", "X-Client~Id", "XClientId", "X-Gateway-Token-Id", "X.Gateway.Token.Id", "X-Gateway-Client", "X-User-Id", "X-Request-Id"), Pick("2", "3", "0", "-1", "1, 2"))));
        Add("token-in-any-header", () => Get(Route(), Bearer(valid), (Pick("X-Api-Key", "User-Agent", "X-Custom", "Referer", "Cookie"), Pick("", "key=", "bot/1.0 ") + Pick(valid, context.OtherValidToken, "opt_admin_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))));
        Add("spoof-forwarded", () => Get(Route(), OptionalBearer(), (Pick("X-Forwarded-For", "X-Real-IP", "True-Client-IP", "CF-Connecting-IP", "X-Client-IP", "Forwarded", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "X-Original-URL", "X.Original.URL", "X-Rewrite-URL"), Pick("10.0.0.1", "for=10.0.0.1;proto=http", "http", "127.0.0.1, 203.0.113.9", "/admin/api/v1/tokens", "evil.example"))));
        Add("method-override", () => Get(Route(), Bearer(valid), (Pick("X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override", "x-http-method-override"), Pick("DELETE", "POST", "PUT", "PATCH"))));
        Add("method-other", () => Request(Pick("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "get", "Get", "GETS", "FOO"), Route(), OptionalBearer()));
        Add("method-override-query", () => Get(Route() + "?_method=" + Pick("DELETE", "PUT"), Bearer(valid)));

        // Framing: HTTP/1.0, versions, absolute-form, Host, Expect, bodies on reads.
        Add("http10", () => Get(Route(), Bearer(valid)) with { Version = "HTTP/1.0", Headers = [("Authorization", "Bearer " + valid)] });
        Add("http10-keepalive", () => Get(Route(), Bearer(valid), ("Connection", "keep-alive")) with { Version = "HTTP/1.0" });
        Add("http-version-odd", () => Get(Route(), Bearer(valid)) with { Version = Pick("HTTP/1.2", "HTTP/2.0", "HTTP/3", "HTTP/0.9", "HTTPS/1.1", "http/1.1", "HTTP/1.1 ", "HTTP/11"), KestrelMayReject = true });
        Add("absolute-form", () => Get($"https://127.0.0.1:{context.Port}{Route()}", Bearer(valid)) with { Headers = [("Host", $"127.0.0.1:{context.Port}"), ("Authorization", "Bearer " + valid)] });
        Add("absolute-form-other-host", () => Get($"{Pick("https", "http")}://{Pick("evil.example", "169.254.169.254", "127.0.0.1:1")}{Route()}", Bearer(valid)) with { KestrelMayReject = true });
        Add("asterisk-and-authority-form", () => Request(Pick("OPTIONS", "CONNECT", "GET"), Pick("*", "127.0.0.1:443", "evil.example:80"), Bearer(valid)) with { KestrelMayReject = true });
        Add("host-odd", () => Get(Route()) with { Headers = [("Host", Pick("evil.example", "", "127.0.0.1:1", "localhost:99999", "a b", "[::1]", "localhost/admin", "user@evil.example")), ("Authorization", "Bearer " + valid)], KestrelMayReject = true });
        Add("host-missing", () => GetWithoutHost(Route(), Bearer(valid)) with { KestrelMayReject = true });
        Add("host-duplicate", () => Get(Route(), Bearer(valid), ("Host", "evil.example")) with { KestrelMayReject = true });
        Add("expect-continue", () => Get(Route(), Bearer(valid), ("Expect", "100-continue")));
        Add("expect-continue-body", () => WithBody(Get(Route(), Bearer(valid), ("Expect", "100-continue")), "{\"client_id\":2}"));
        Add("expect-odd", () => Get(Route(), Bearer(valid), ("Expect", Pick("200-ok", "100-continue, foo", ""))));
        // Over HTTP/2 every other one goes as DATA frames without a content-length.
        Add("get-body", () => WithBody(Get(Route(), OptionalBearer(), ("Content-Type", Pick("application/json", "application/x-www-form-urlencoded"))), Pick("{\"client_id\":2}", "client_id=2", "x")));
        Add("get-chunked-body", () => Get(Route(), Bearer(valid), ("Transfer-Encoding", "chunked")) with { Body = Encoding.ASCII.GetBytes("b\r\nclient_id=2\r\n0\r\n\r\n") });
        Add("get-empty-chunked", () => Get(Route(), Bearer(valid), ("Transfer-Encoding", "chunked")) with { Body = Encoding.ASCII.GetBytes("0\r\n\r\n") });
        Add("get-content-length-zero", () => Get(Route(), Bearer(valid), ("Content-Length", "0")) with { MustSucceed = true });
        Add("content-length-odd", () => Get(Route(), Bearer(valid), ("Content-Length", Pick("-1", "abc", "1, 2", "99999999999999999999", " 0"))) with { KestrelMayReject = true });
        Add("smuggling-cl-te", () => Get(Route(), Bearer(valid), ("Content-Length", "4"), ("Transfer-Encoding", Pick("chunked", "identity", "gzip, chunked", "chunked, identity"))) with { Body = Encoding.ASCII.GetBytes("0\r\n\r\n"), KestrelMayReject = true });
        Add("te-odd", () => Get(Route(), Bearer(valid), ("Transfer-Encoding", Pick("gzip", "identity", "xchunked", "chunked\u0000"))) with { Body = Encoding.ASCII.GetBytes("0\r\n\r\n"), KestrelMayReject = true });

        // Header abuse: many, huge, malformed names and values.
        Add("headers-many", () => Get(Route(), [.. Bearer(valid).Concat(Enumerable.Range(0, Pick(50, 150)).Select(i => ($"X-Filler-{i}", "v")))]) with { KestrelMayReject = true });
        Add("header-huge", () => Get(Route(), Bearer(valid), ("X-Big", new string('b', Pick(10000, 40000)))) with { KestrelMayReject = true });
        Add("header-name-odd", () => Get(Route(), Bearer(valid), (Pick("X Space", "X-\u00dc", "X\u0000", "(x)", "X\tTab", "X{}"), "1")) with { KestrelMayReject = true });
        Add("header-value-odd", () => Get(Route(), Bearer(valid), ("X-Odd", Pick("a\u0000b", Utf8("äöü"), "\u00e9", "a\rb", "\u007f", "a\u000bb"))) with { KestrelMayReject = true });
        Add("header-no-colon", () => Get(Route(), Bearer(valid), ("", Pick("NoColonHere", " leading-space: 1", "X-A: 1\rX-B: 2"))) with { KestrelMayReject = true });
        Add("upgrade", () => Get(Route(), Bearer(valid), ("Connection", "Upgrade, HTTP2-Settings"), ("Upgrade", Pick("h2c", "websocket")), ("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA")));
        Add("connection-hop-by-hop", () => Get(Route(), Bearer(valid), ("Connection", "close, X-Client-Id, Authorization"), ("X-Client-Id", "2")));
        Add("request-line-odd", () => Request(Pick("GET  ", " GET", "GET\t"), Route(), Bearer(valid)) with { KestrelMayReject = true });
    }

    private void Add(string name, Func<HostileRequest> make) => _cases.Add((name, make));

    private T Pick<T>(params T[] options) => options[_random.Next(options.Length)];

    private string Route() => context.Routes[_random.Next(context.Routes.Count)];

    private static (string, string)[] Bearer(string token) => [("Authorization", "Bearer " + token)];

    // Half of these carry the valid token, so a hostile path or target with a valid token is tried as well.
    private (string, string)[] OptionalBearer() => _random.Next(2) == 0 ? Bearer(context.ValidToken) : [];

    private static HostileRequest Get(string target, params (string, string)[] headers) => Request("GET", target, headers);

    private static HostileRequest Get(string target, (string, string)[] first, params (string, string)[] more) => Request("GET", target, [.. first, .. more]);

    private static HostileRequest Request(string method, string target, params (string, string)[] headers) =>
        new("", method, target, "HTTP/1.1", [("Host", "localhost"), .. headers]);

    private static HostileRequest GetWithoutHost(string target, params (string, string)[] headers) => new("", "GET", target, "HTTP/1.1", headers);

    private static HostileRequest WithBody(HostileRequest request, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        return request with { Headers = [.. request.Headers, ("Content-Length", bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture))], Body = bytes };
    }

    private string Mutate(string token, string insert) => token.Insert(_random.Next(token.Length + 1), insert);

    private string FlipChar(string token)
    {
        var at = 9 + _random.Next(token.Length - 9);
        var chars = token.ToCharArray();
        chars[at] = chars[at] == 'x' ? 'y' : 'x';
        return new string(chars);
    }

    /// <summary>UTF-8 bytes spelled as Latin-1 chars, so <see cref="HostileRequest.ToBytes"/> sends them as UTF-8.</summary>
    private static string Utf8(string text) => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text));
}
