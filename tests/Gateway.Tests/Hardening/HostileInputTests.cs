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
/// bodiless ones of <see cref="HostileChecks"/> (docs/hardening.md), and the gateway serves normally afterwards.
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

        var forwarded = HostileChecks.ByRequest(_backend.LogEntries);
        var failures = new List<string>();
        foreach (var (request, response, error) in outcomes)
        {
            forwarded.TryGetValue(request.Id, out var seen);
            HostileChecks.Check(request, response, error, seen ?? [], failures);
        }

        failures.AddRange(HostileChecks.CheckBackendLog(_backend.LogEntries, requests, identities, Credential));
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

    private async Task<List<(HostileRequest Request, RawResponse? Response, Exception? Error)>> SendAllAsync(IReadOnlyList<HostileRequest> requests)
    {
        var thumbprint = CertificateThumbprint();
        var outcomes = new ConcurrentBag<(HostileRequest, RawResponse?, Exception?)>();
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (request, _) =>
        {
            // Liveness only: an answer that does not come in 30 s is a hang.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                var response = request.Http2
                    ? await Http2Sender.SendAsync(_gateway.HttpsPort, thumbprint, request, timeout.Token)
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
