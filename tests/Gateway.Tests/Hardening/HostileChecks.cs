using System.Globalization;
using System.Text.Json;
using WireMock;
using WireMock.Logging;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hardening;

/// <summary>What <see cref="HostileInputTests"/> holds every answer and every backend request to.</summary>
internal static partial class HostileChecks
{
    /// <summary>What Kestrel itself answers to what it cannot or will not parse; never a body.</summary>
    public static readonly int[] KestrelStatuses = [400, 414, 431];

    /// <summary>
    /// Kestrel's two other refusals, each for one kind of request line only: 405 for an authority-form target
    /// without CONNECT (or CONNECT without one) and an asterisk-form target without OPTIONS, and 505 for a version
    /// that is not HTTP/1.0 or 1.1. The 505 is the one 5xx a client can get: it comes from Kestrel's parser, before
    /// any code of the gateway runs, and no setting changes it.
    /// </summary>
    public static readonly Dictionary<string, int> KestrelCaseStatuses = new()
    {
        ["asterisk-and-authority-form"] = 405,
        ["http-version-odd"] = 505,
    };

    /// <summary>The gateway's own public pages (DESIGN §3), answered without the backend.</summary>
    public static readonly string[] OwnPages = ["/healthz", "/docs", "/openapi/"];

    public static readonly HashSet<string> DesignMessages =
    [
        "Unauthenticated.", "This token does not have the required scope.", "This IP address is not allowed to use this token.",
        "HTTPS is required.", "Not found.", "Method not allowed.", "Too many requests.", "Upstream unavailable.", "Upstream timed out.",
        "Service unavailable.", "Bad request.", "GET and HEAD requests must not have a body.",
    ];

    public static void Check(HostileRequest request, RawResponse? response, Exception? error, List<IRequestMessage> seen, List<string> failures)
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
    public static IEnumerable<string> CheckBackendLog(
        IEnumerable<ILogEntry> log, IReadOnlyList<HostileRequest> requests, Dictionary<string, (long ClientId, long TokenId)> identities, string credential)
    {
        var byId = requests.ToDictionary(r => r.Id);
        foreach (var entry in log)
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

            if (!seen.Header("Authorization").SequenceEqual([credential]))
            {
                problems.Add("Authorization is not exactly the backend credential");
            }

            if (!seen.Header("X-Forwarded-For").SequenceEqual(["127.0.0.1"]))
            {
                problems.Add($"X-Forwarded-For [{string.Join(",", seen.Header("X-Forwarded-For"))}]");
            }

            foreach (var rewrite in new[] { "X-Original-URL", "X-Rewrite-URL", "Forwarded", "X-Real-IP", "True-Client-IP", "CF-Connecting-IP", "X-Client-IP", "X-Forwarded-Port" })
            {
                if (seen.Header(rewrite).Length > 0)
                {
                    problems.Add($"{rewrite} reached the backend");
                }
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
            if (identities.Keys.Any(token => everything.Contains(token, StringComparison.Ordinal))
                || everything.Contains("opt_live_", StringComparison.OrdinalIgnoreCase) || everything.Contains("opt_admin_", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add("a client token reached the backend");
            }

            // PHP folds case and punctuation: only the gateway's own spellings of its identity headers may arrive.
            var folded = seen.Headers?.Keys.Select(k => (Name: k, Folded: string.Concat(k.Where(char.IsAsciiLetterOrDigit)).ToLowerInvariant())).ToList() ?? [];
            if (folded.Any(h => (h.Folded == "xclientid" && h.Name != "X-Client-Id") || (h.Folded.StartsWith("xgateway", StringComparison.Ordinal) && h.Name != "X-Gateway-Token-Id")))
            {
                problems.Add($"identity header by another spelling: {string.Join(",", folded.Select(h => h.Name))}");
            }

            if (RecordPath().Match(seen.Path) is { Success: true } record && !CanonicalId().IsMatch(record.Groups["id"].Value))
            {
                problems.Add($"id not canonical: {seen.Path}");
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

    /// <summary>The backend's requests, by the id of the generated request they came from.</summary>
    public static Dictionary<int, List<IRequestMessage>> ByRequest(IEnumerable<ILogEntry> log)
    {
        var result = new Dictionary<int, List<IRequestMessage>>();
        foreach (var entry in log)
        {
            var marker = entry.RequestMessage!.Header(HostileRequest.MarkerHeader);
            if (marker.Length == 1 && int.TryParse(marker[0], CultureInfo.InvariantCulture, out var id))
            {
                (result.TryGetValue(id, out var list) ? list : result[id] = []).Add(entry.RequestMessage!);
            }
        }

        return result;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^/api/v1/(invoices|orders|services|domains)/(?<id>[^/]+)(/dns)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex RecordPath();

    [System.Text.RegularExpressions.GeneratedRegex("^[1-9][0-9]{0,18}$")]
    private static partial System.Text.RegularExpressions.Regex CanonicalId();
}
