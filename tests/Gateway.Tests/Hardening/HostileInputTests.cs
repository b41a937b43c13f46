using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using LegacyStub;
using WireMock;
using WireMock.Server;
using Xunit.Abstractions;

namespace Gateway.Tests.Hardening;

/// <summary>
/// Thousands of generated hostile requests (fixed seed) against the real executable on a real Kestrel socket, mixed
/// with valid traffic: no 5xx, nothing reaches the backend without the identity of a valid token presented the
/// legitimate way, every refusal the gateway makes is a DESIGN §5 JSON body, Kestrel's own refusals are exactly the
/// bodiless ones listed below, and the gateway serves normally afterwards.
/// </summary>
/// <remarks>
/// Kestrel parses HTTP below the ASP.NET pipeline. A request it cannot parse (bad request line or header syntax,
/// control characters, missing or conflicting Host, a framing it refuses) or that breaks its limits (request line
/// 8 KB: 414; headers 32 KB or 100 fields: 431) is answered by Kestrel itself with an empty body and the connection
/// closed; the gateway's code, its audit log and the backend never see it, and the platform has no hook to write a
/// body there. Those answers are recognised by the missing <c>X-Request-Id</c> that every gateway answer carries.
/// </remarks>
public sealed class HostileInputTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Seed = 20261124;
    private const int Http1Requests = 2400;
    private const int Http2Requests = 400;
    private const string Credential = "Bearer hostile-backend-secret";

    /// <summary>What Kestrel itself answers to what it cannot or will not parse; never a body.</summary>
    private static readonly int[] KestrelStatuses = [400, 414, 431];

    /// <summary>
    /// Kestrel's two other refusals, each for one kind of request line only: 405 for an authority-form target
    /// without CONNECT (or CONNECT without one) and an asterisk-form target without OPTIONS, and 505 for a version
    /// that is not HTTP/1.0 or 1.1. The 505 is the one 5xx a client can get: it comes from Kestrel's parser, before
    /// any code of the gateway runs, and no setting changes it.
    /// </summary>
    private static readonly Dictionary<string, int> KestrelCaseStatuses = new()
    {
        ["asterisk-and-authority-form"] = 405,
        ["http-version-odd"] = 505,
    };

    /// <summary>The gateway's own public pages (DESIGN §3), answered without the backend.</summary>
    private static readonly string[] OwnPages = ["/healthz", "/docs", "/openapi/"];

    private static readonly HashSet<string> DesignMessages =
    [
        "Unauthenticated.", "This token does not have the required scope.", "This IP address is not allowed to use this token.",
        "HTTPS is required.", "Not found.", "Method not allowed.", "Too many requests.", "Upstream unavailable.", "Upstream timed out.",
        "Service unavailable.", "Bad request.", "GET and HEAD requests must not have a body.",
    ];

    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-hostile-tests", Guid.NewGuid().ToString("N"));
    private WireMockServer _backend = null!;
    private GatewayProcess _gateway = null!;
    private Dictionary<string, string> _environment = null!;

    public async Task InitializeAsync()
    {
        _backend = BillingStub.Start(new BillingStubOptions { Port = 0, Credential = Credential });
        _environment = GatewayProcess.Environment(_data, _backend.Url + "/", Credential);
        // The limiters have their own tests; here every request should reach the parsing and policy code.
        _environment["Gateway__RateLimiting__PermitsPerMinute"] = "1000000";
        _environment["Gateway__RateLimiting__FailedAuthPerMinute"] = "1000000";
        _gateway = await GatewayProcess.StartAsync(_environment, plainHttp: false);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        _backend.Stop();
        _backend.Dispose();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Send_GeneratedHostileRequests_NoLeakNo5xxDesignBodiesAndStillServing()
    {
        var valid = await CreateTokenAsync(1, "account:read,hosting:read,domains:read,dns:read");
        var other = await CreateTokenAsync(3, "account:read");
        var revoked = await CreateTokenAsync(2, "account:read");
        Assert.Equal(0, (await Cli("tokens", "revoke", revoked.Id.ToString(CultureInfo.InvariantCulture))).Exit);
        var identities = new Dictionary<string, (long ClientId, long TokenId)>
        {
            [valid.Token] = (1, valid.Id),
            [other.Token] = (3, other.Id),
        };
        var context = new HostileContext(valid.Token, other.Token, revoked.Token, new TokenFormat("opt_live_").Generate(), _gateway.HttpsPort, RoutesOfClientOne());
        var requests = new HostileRequestGenerator(Seed, context).Generate(Http1Requests, Http2Requests);
        _backend.ResetLogEntries();

        var outcomes = await SendAllAsync(requests);

        var forwarded = BackendEntriesByRequest();
        var failures = new List<string>();
        foreach (var (request, response, error) in outcomes)
        {
            forwarded.TryGetValue(request.Id, out var seen);
            Check(request, response, error, seen ?? [], failures);
        }

        failures.AddRange(CheckBackendLog(requests, identities));
        output.WriteLine(Summary(outcomes, forwarded));
        foreach (var failure in failures)
        {
            output.WriteLine("PROBLEM " + failure);
        }

        Assert.True(failures.Count == 0, $"{failures.Count} problems:\n{string.Join('\n', failures.Take(40))}");

        // Every answer the gateway gave is in the audit log (Kestrel's own refusals never reach it).
        var answered = outcomes.Select(o => o.Response?.Header("X-Request-Id")).OfType<string>().ToList();
        Assert.True(answered.Count > Http1Requests / 2);
        var missing = await UnauditedAsync(answered);
        Assert.True(missing.Count == 0, $"{missing.Count} answers without an audit event, e.g. {missing.FirstOrDefault()}");

        // Still serving normally: liveness, a valid request seen by the backend with exactly the approved identity.
        _backend.ResetLogEntries();
        using var client = _gateway.CreateClient();
        using var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/v1/me");
        me.Headers.Authorization = new("Bearer", valid.Token);
        using var answer = await client.SendAsync(me);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var received = Assert.Single(_backend.LogEntries).RequestMessage!;
        Assert.Equal(["1"], received.Header("X-Client-Id"));
        Assert.Equal([valid.Id.ToString(CultureInfo.InvariantCulture)], received.Header("X-Gateway-Token-Id"));

        // No secret in the application log or the audit files, whatever the requests did with them.
        var logs = _gateway.Log + string.Join('\n', await AuditFile.ReadLinesAsync(Path.Combine(_data, "logs")));
        foreach (var secret in new[] { valid.Token, other.Token, revoked.Token, Credential["Bearer ".Length..] })
        {
            Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        }
    }

    /// <summary>Request ids without an audit event, once the background writer has caught up (at most 20 s).</summary>
    private async Task<List<string>> UnauditedAsync(List<string> requestIds)
    {
        List<string> missing;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        do
        {
            var audited = (await AuditFile.ReadLinesAsync(Path.Combine(_data, "logs")))
                .Select(line => JsonDocument.Parse(line).RootElement)
                .Select(e => e.TryGetProperty("RequestId", out var id) ? id.GetString() : null)
                .ToHashSet();
            missing = [.. requestIds.Where(id => !audited.Contains(id))];
            if (missing.Count == 0)
            {
                break;
            }

            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);

        return missing;
    }

    private static string[] RoutesOfClientOne()
    {
        var client = BillingData.Default.ForClient(1)!;
        var domain = client.Domains[0].Id;
        return
        [
            "/api/v1/me", "/api/v1/invoices", $"/api/v1/invoices/{client.Invoices[0].Id}", "/api/v1/orders", $"/api/v1/orders/{client.Orders[0].Id}",
            "/api/v1/services", $"/api/v1/services/{client.Services[0].Id}", "/api/v1/domains", $"/api/v1/domains/{domain}", $"/api/v1/domains/{domain}/dns",
        ];
    }

    private static void Check(HostileRequest request, RawResponse? response, Exception? error, List<IRequestMessage> seen, List<string> failures)
    {
        void Fail(string why) => failures.Add($"{request}: {why} <<{string.Join(" | ", request.Headers.Select(h => $"{h.Name}: {Escape(h.Value)}"))}>>");

        if (response is null)
        {
            Fail($"no answer: {error?.GetType().Name}: {error?.Message}");
            return;
        }

        var kestrel = response.Header("X-Request-Id") is null;
        if (response.Status >= 500 && !(kestrel && KestrelCaseStatuses.GetValueOrDefault(request.Case) == response.Status))
        {
            Fail($"{response.Status} {response.BodyText}");
        }

        if (response.Header("Server") is not null || response.Header("X-Powered-By") is not null)
        {
            Fail($"software header in the answer: {response.Header("Server")} {response.Header("X-Powered-By")}");
        }

        if (seen.Count > 1)
        {
            Fail($"forwarded {seen.Count} times");
        }

        if (request.MustSucceed && (response.Status != 200 || seen.Count != 1))
        {
            Fail($"valid request answered {response.Status}, forwarded {seen.Count} times");
        }

        if (kestrel)
        {
            // Kestrel's own refusal, below the pipeline.
            var expected = KestrelCaseStatuses.TryGetValue(request.Case, out var only) ? [.. KestrelStatuses, only] : KestrelStatuses;
            if (!request.KestrelMayReject || !expected.Contains(response.Status) || response.Body.Length != 0)
            {
                Fail($"answered below the gateway: {response.Status} [{response.BodyText}]");
            }

            return;
        }

        if (seen.Count == 1)
        {
            // The backend's own answer, passed through: the stub knows only 200 and its JSON 404.
            if (response.Status is not (200 or 404))
            {
                Fail($"forwarded but answered {response.Status}");
            }

            return;
        }

        if (response.Status < 400)
        {
            if (!OwnPages.Any(page => request.Target.StartsWith(page, StringComparison.OrdinalIgnoreCase)))
            {
                Fail($"{response.Status} without reaching the backend");
            }

            return;
        }

        CheckDesignBody(request, response, Fail);
    }

    private static string Escape(string text) =>
        string.Concat(text.Take(120).Select(c => c is < ' ' or > '~' ? $"\\x{(int)c:x2}" : c.ToString()));

    /// <summary>DESIGN §5: <c>{"message": …}</c> with one of its messages and the headers that go with each status.</summary>
    private static void CheckDesignBody(HostileRequest request, RawResponse response, Action<string> fail)
    {
        if (response.Status == 401 && response.Header("WWW-Authenticate") != "Bearer")
        {
            fail("401 without WWW-Authenticate: Bearer");
        }

        if (response.Status == 405 && response.Header("Allow") != "GET, HEAD")
        {
            fail("405 without Allow: GET, HEAD");
        }

        if (response.Status == 429 && response.Header("Retry-After") is null)
        {
            fail("429 without Retry-After");
        }

        if (request.IsHead)
        {
            if (response.Body.Length != 0)
            {
                fail("HEAD answer with a body");
            }

            return;
        }

        if (!string.Equals(response.Header("Content-Type"), "application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase))
        {
            fail($"{response.Status} with Content-Type {response.Header("Content-Type")} [{response.BodyText}]");
            return;
        }

        try
        {
            var body = JsonDocument.Parse(response.Body).RootElement;
            var message = body.GetProperty("message").GetString();
            var names = body.EnumerateObject().Select(p => p.Name).ToList();
            var scoped = response.Status == 403 && message == "This token does not have the required scope.";
            if (!DesignMessages.Contains(message!) || names.Count != (scoped ? 2 : 1) || (scoped && !names.Contains("required_scope")))
            {
                fail($"{response.Status} body not of DESIGN §5: {response.BodyText}");
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            fail($"{response.Status} body not JSON: {response.BodyText}");
        }
    }

    /// <summary>
    /// What the backend saw: only requests that presented a valid token the legitimate way, each stamped with
    /// exactly that token's identity and the backend credential, as reads, with nothing the client used to
    /// override identity, method or credentials.
    /// </summary>
    private IEnumerable<string> CheckBackendLog(IReadOnlyList<HostileRequest> requests, Dictionary<string, (long ClientId, long TokenId)> identities)
    {
        var byId = requests.ToDictionary(r => r.Id);
        foreach (var entry in _backend.LogEntries)
        {
            var seen = entry.RequestMessage!;
            var marker = seen.Header(HostileRequest.MarkerHeader);
            if (marker.Length != 1 || !byId.TryGetValue(int.Parse(marker[0], CultureInfo.InvariantCulture), out var request))
            {
                yield return $"backend saw an unmarked request: {seen.Method} {seen.Path}";
                continue;
            }

            var presented = request.PresentedToken(identities.Keys);
            if (presented is null)
            {
                yield return $"{request}: reached the backend without a valid token presented the legitimate way";
                continue;
            }

            var (clientId, tokenId) = identities[presented];
            var problems = new List<string>();
            if (!seen.Header("X-Client-Id").SequenceEqual([clientId.ToString(CultureInfo.InvariantCulture)]))
            {
                problems.Add($"X-Client-Id [{string.Join(",", seen.Header("X-Client-Id"))}]");
            }

            if (!seen.Header("X-Gateway-Token-Id").SequenceEqual([tokenId.ToString(CultureInfo.InvariantCulture)]))
            {
                problems.Add($"X-Gateway-Token-Id [{string.Join(",", seen.Header("X-Gateway-Token-Id"))}]");
            }

            if (!seen.Header("Authorization").SequenceEqual([Credential]))
            {
                problems.Add("Authorization is not exactly the backend credential");
            }

            if (!seen.Header("X-Forwarded-For").SequenceEqual(["127.0.0.1"]))
            {
                problems.Add($"X-Forwarded-For [{string.Join(",", seen.Header("X-Forwarded-For"))}]");
            }

            if (seen.Header("Host").Any(string.IsNullOrEmpty))
            {
                problems.Add("empty Host");
            }

            foreach (var banned in new[] { "Cookie", "X-HTTP-Method-Override", "X-HTTP-Method", "X-Method-Override", "X_Client_Id", "Proxy-Authorization" })
            {
                if (seen.HasHeader(banned))
                {
                    problems.Add($"{banned} forwarded");
                }
            }

            if (seen.Method is not ("GET" or "HEAD"))
            {
                problems.Add($"method {seen.Method}");
            }

            // Routing ignores case, as ASP.NET Core does; the path goes on as the client wrote it.
            if (!seen.Path.StartsWith("/api/v1/", StringComparison.OrdinalIgnoreCase) || seen.Path.Contains("..", StringComparison.Ordinal))
            {
                problems.Add($"path {seen.Path}");
            }

            var everything = $"{seen.Url} {string.Join(' ', seen.Headers?.SelectMany(h => h.Value) ?? [])} {seen.Body}";
            if (identities.Keys.Any(token => everything.Contains(token, StringComparison.Ordinal)))
            {
                problems.Add("a client token reached the backend");
            }

            if (seen.BodyAsBytes is { Length: > 0 })
            {
                problems.Add("a body reached the backend");
            }

            if (problems.Count > 0)
            {
                yield return $"{request}: backend saw {string.Join("; ", problems)}";
            }
        }
    }

    private Dictionary<int, List<IRequestMessage>> BackendEntriesByRequest()
    {
        var result = new Dictionary<int, List<IRequestMessage>>();
        foreach (var entry in _backend.LogEntries)
        {
            var marker = entry.RequestMessage!.Header(HostileRequest.MarkerHeader);
            if (marker.Length == 1 && int.TryParse(marker[0], CultureInfo.InvariantCulture, out var id))
            {
                (result.TryGetValue(id, out var list) ? list : result[id] = []).Add(entry.RequestMessage!);
            }
        }

        return result;
    }

    private async Task<List<(HostileRequest Request, RawResponse? Response, Exception? Error)>> SendAllAsync(IReadOnlyList<HostileRequest> requests)
    {
        var thumbprint = CertificateThumbprint();
        using var http2 = Http2Client(thumbprint);
        var outcomes = new ConcurrentBag<(HostileRequest, RawResponse?, Exception?)>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, _) =>
        {
            // Liveness only: an answer that does not come in 30 s is a hang.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                var response = request.Http2
                    ? await SendHttp2Async(http2, request, timeout.Token)
                    : await RawHttp.SendAsync(_gateway.HttpsPort, thumbprint, request.ToBytes(), request.IsHead, timeout.Token);
                outcomes.Add((request, response, null));
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or OperationCanceledException or System.Net.Sockets.SocketException)
            {
                outcomes.Add((request, null, ex));
            }
        });
        return [.. outcomes.OrderBy(o => o.Item1.Id)];
    }

    private static async Task<RawResponse> SendHttp2Async(HttpClient client, HostileRequest request, CancellationToken cancel)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + request.Target))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Headers.TryAddWithoutValidation(HostileRequest.MarkerHeader, request.Id.ToString(CultureInfo.InvariantCulture));
        if (request.Body is { } body)
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (name, value) in request.Headers)
        {
            if (name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        using var response = await client.SendAsync(message, cancel);
        if (response.Version != HttpVersion.Version20)
        {
            throw new HttpRequestException($"answered over HTTP/{response.Version}");
        }

        var headers = response.Headers.Concat(response.Content.Headers).Select(h => new KeyValuePair<string, string>(h.Key, string.Join(", ", h.Value))).ToList();
        return new RawResponse((int)response.StatusCode, headers, await response.Content.ReadAsByteArrayAsync(cancel), []);
    }

    private HttpClient Http2Client(string thumbprint) => new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null
            && new System.Security.Cryptography.X509Certificates.X509Certificate2(certificate).Thumbprint == thumbprint },
        AllowAutoRedirect = false,
        UseCookies = false,
    })
    {
        BaseAddress = new Uri($"https://localhost:{_gateway.HttpsPort}"),
    };

    private string CertificateThumbprint()
    {
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(_gateway.CertificatePath));
        return certificate.Thumbprint;
    }

    private static string Summary(IReadOnlyList<(HostileRequest Request, RawResponse? Response, Exception? Error)> outcomes, Dictionary<int, List<IRequestMessage>> forwarded) =>
        string.Join('\n', outcomes
            .GroupBy(o => o.Request.Case)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key,-32} {g.Count(),4}  " + string.Join(' ', g
                .GroupBy(o => o.Response is null ? "error" : $"{o.Response.Status}{(o.Response.Header("X-Request-Id") is null ? "k" : forwarded.ContainsKey(o.Request.Id) ? "b" : "")}")
                .OrderBy(s => s.Key, StringComparer.Ordinal)
                .Select(s => $"{s.Key}×{s.Count()}"))))
        + "\n(k: answered by Kestrel itself; b: forwarded, the backend's answer)";

    private async Task<(long Id, string Token)> CreateTokenAsync(long clientId, string scopes)
    {
        var (exit, stdout, stderr) = await Cli("tokens", "create", "--client", clientId.ToString(CultureInfo.InvariantCulture), "--name", $"h-{Guid.NewGuid():N}"[..20], "--scopes", scopes, "--json");
        Assert.True(exit == 0, stderr);
        var json = JsonDocument.Parse(stdout).RootElement;
        return (json.GetProperty("id").GetInt64(), json.GetProperty("token").GetString()!);
    }

    private Task<(int Exit, string Stdout, string Stderr)> Cli(params string[] args) =>
        ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, .. args], _environment);
}
