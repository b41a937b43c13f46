using System.Net;
using System.Reflection;
using System.Text.Json;
using Gateway.Data;
using Gateway.Pipeline;
using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gateway.Tests.Pipeline;

/// <summary>
/// Walks every way the public API refuses a request, through the real host: each answer is the one DESIGN §5 gives
/// (status, body, headers), the audit event names the refusal's own reason, and no refused request reached the backend
/// unless forwarding itself was what failed. A refusal added to <see cref="Refusal"/> without a case here fails the walk.
/// </summary>
public sealed class RefusalWalkTests(RefusalWalkTests.Fixture fixture) : IClassFixture<RefusalWalkTests.Fixture>
{
    /// <summary>Refusals the test host cannot provoke, and the tests that walk them instead.</summary>
    private static readonly Dictionary<string, string> WalkedElsewhere = new()
    {
        ["audit_unavailable"] = "AuditGuardMiddlewareTests, StoreFaultAuditDiskTests (a full audit disk)",
        ["client_aborted"] = "ProxyGuardMiddlewareTests (the client went away mid-forward)",
        ["server_error"] = "PublicExceptionHandlerTests, DecisionMiddlewareTests",
        ["bad_request"] = "ProxyGuardMiddlewareTests, BareStatusAnswersTests (a request body the server could not read)",
        ["client_closed"] = "TokenAuthenticationHandlerTests (closing revokes every token at once: only the moment between answers so)",
    };

    private static readonly TokenFormat Format = new("opt_live_");

    private GatewayFixture Gateway => fixture.Gateway;

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            Settings =
            {
                // A route to a backend slower than its cluster's timeout, and one to a backend that refuses connections.
                ["ReverseProxy:Routes:walk-slow:ClusterId"] = "slow",
                ["ReverseProxy:Routes:walk-slow:AuthorizationPolicy"] = ScopeCatalog.AccountRead,
                ["ReverseProxy:Routes:walk-slow:RateLimiterPolicy"] = "per-token",
                ["ReverseProxy:Routes:walk-slow:Match:Path"] = "/api/v1/slow",
                ["ReverseProxy:Routes:walk-slow:Match:Methods:0"] = "GET",
                ["ReverseProxy:Clusters:slow:HttpRequest:ActivityTimeout"] = "00:00:01",
                ["Gateway:Proxy:Backends:slow:Value"] = GatewayFixture.BackendCredential,
                ["ReverseProxy:Routes:walk-broken:ClusterId"] = "broken",
                ["ReverseProxy:Routes:walk-broken:AuthorizationPolicy"] = ScopeCatalog.AccountRead,
                ["ReverseProxy:Routes:walk-broken:RateLimiterPolicy"] = "per-token",
                ["ReverseProxy:Routes:walk-broken:Match:Path"] = "/api/v1/broken",
                ["ReverseProxy:Routes:walk-broken:Match:Methods:0"] = "GET",
                ["ReverseProxy:Clusters:broken:Destinations:only:Address"] = $"http://127.0.0.1:{FreePort.Next()}/",
                ["Gateway:Proxy:Backends:broken:Value"] = "Bearer unused",
            },
        };

        public async Task InitializeAsync()
        {
            await Gateway.InitializeAsync();
            Gateway.Settings["ReverseProxy:Clusters:slow:Destinations:only:Address"] = Gateway.Backend.Url + "/";
            Gateway.Backend.Given(Request.Create().WithPath("/api/v1/slow").UsingGet()).AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)));
        }

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    private static readonly string[] ReasonNames =
    [
        "missing_token", "malformed_token", "unknown_token", "revoked_token", "expired_token", "client_suspended", "ip_not_allowed", "scope_missing",
        "rate_limited", "auth_rate_limited", "https_required", "method_not_allowed", "body_not_allowed", "not_found",
        "upstream_error", "upstream_timeout", "store_unavailable",
    ];

    public static TheoryData<string> Reasons => [.. ReasonNames];

    [Fact]
    public void Walk_CoversEveryRefusal()
    {
        var defined = typeof(Refusal).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(Refusal))
            .Select(f => ((Refusal)f.GetValue(null)!).Reason)
            .ToHashSet();
        var walked = ReasonNames.Concat(WalkedElsewhere.Keys).ToHashSet();

        Assert.Equal(defined.Order(StringComparer.Ordinal), walked.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Reasons))]
    public async Task Refusal_AnswersAsDesignedAndIsAuditedWithItsReason(string reason)
    {
        // Refusals count against the address: each case has an address of its own.
        var peer = $"198.51.{100 + Array.IndexOf(ReasonNames, reason)}.9";
        var (request, client) = await PrepareAsync(reason, peer);
        Gateway.Backend.ResetLogEntries();

        var gone = reason == "store_unavailable" ? await Gateway.Store.TakeAwayAsync(Gateway.DataPath) : null;
        HttpResponseMessage sent;
        try
        {
            sent = await client.SendAsync(request);
        }
        finally
        {
            if (gone is not null)
            {
                await gone.DisposeAsync();
                // The background probe may have seen the store gone meanwhile; the next cases need it back.
                await Gateway.Services.GetRequiredService<StoreHealth>().ProbeAsync(CancellationToken.None);
            }
        }

        using (request)
        using (var response = sent)
        {
            var refusal = RefusalOf(reason);
            Assert.Equal(refusal.Status, (int)response.StatusCode);
            var body = await response.JsonAsync();
            Assert.Equal(refusal.Message, body.GetProperty("message").GetString());
            Assert.Equal(reason == "scope_missing" ? 2 : 1, body.EnumerateObject().Count());
            AssertHeaders(refusal, response);

            var e = await AuditFile.EventAsync(Path.Combine(Gateway.DataPath, "logs"), Assert.Single(response.Headers.GetValues("X-Request-Id")));
            Assert.Equal("denied", e.GetProperty("Decision").GetString());
            Assert.Equal(reason, e.GetProperty("Reason").GetString());
            Assert.Equal(refusal.Status, e.GetProperty("Status").GetInt32());
            Assert.Equal(JsonValueKind.Null, e.TryGetProperty("UpstreamStatus", out var upstream) ? upstream.ValueKind : JsonValueKind.Null);
        }

        if (reason is not "upstream_timeout")
        {
            Assert.Empty(Gateway.Backend.LogEntries);
        }
    }

    private static Refusal RefusalOf(string reason) =>
        typeof(Refusal).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => f.GetValue(null)).OfType<Refusal>().First(r => r.Reason == reason);

    private static void AssertHeaders(Refusal refusal, HttpResponseMessage response)
    {
        switch (refusal.Status)
        {
            case 401:
                Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).ToString());
                break;
            case 405:
                Assert.Equal("GET, HEAD", string.Join(", ", response.Content.Headers.Allow));
                break;
            case 429 or 503:
                Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
                break;
        }
    }

    private async Task<(HttpRequestMessage Request, HttpClient Client)> PrepareAsync(string reason, string peer)
    {
        var https = Gateway.CreateHttpsClient();
        switch (reason)
        {
            case "missing_token":
                return (Http.Get("/api/v1/me").From(peer), https);
            case "malformed_token":
                return (Http.Get("/api/v1/me", "opt_live_short").From(peer), https);
            case "unknown_token":
                return (Http.Get("/api/v1/me", Format.Generate()).From(peer), https);
            case "revoked_token":
                var revoked = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
                await Gateway.Tokens.RevokeAsync(revoked.Token.Id, "test", null);
                return (Http.Get("/api/v1/me", revoked.Plaintext).From(peer), https);
            case "expired_token":
                var expired = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
                await Gateway.ExpireAsync(expired.Token.Id);
                return (Http.Get("/api/v1/me", expired.Plaintext).From(peer), https);
            case "client_suspended":
                var suspended = await Gateway.CreateTokenAsync(9, ScopeCatalog.AccountRead);
                await Gateway.Services.GetRequiredService<Gateway.Clients.ClientService>().SuspendAsync(9, "test", null);
                return (Http.Get("/api/v1/me", suspended.Plaintext).From(peer), https);
            case "ip_not_allowed":
                var fenced = await Gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], AllowedIps = ["10.0.0.0/8"] });
                return (Http.Get("/api/v1/me", fenced.Plaintext).From(peer), https);
            case "scope_missing":
                var dnsOnly = await Gateway.CreateTokenAsync(1, ScopeCatalog.DnsRead);
                return (Http.Get("/api/v1/me", dnsOnly.Plaintext).From(peer), https);
            case "rate_limited":
                var busy = await Gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], RateLimitPerMinute = 1 });
                using (var first = await Gateway.GetAsync("/api/v1/me", busy.Plaintext, peer))
                {
                    Assert.Equal(HttpStatusCode.OK, first.StatusCode);
                }

                return (Http.Get("/api/v1/me", busy.Plaintext).From(peer), https);
            case "auth_rate_limited":
                for (var i = 0; i < 30; i++)
                {
                    using var bad = await Gateway.GetAsync("/api/v1/me", Format.Generate(), peer);
                }

                return (Http.Get("/api/v1/me", Format.Generate()).From(peer), https);
            case "https_required":
                return (Http.Get("/api/v1/me").From(peer), Gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") }));
            case "method_not_allowed":
                return (new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me").From(peer), https);
            case "body_not_allowed":
                var reader = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
                var withBody = Http.Get("/api/v1/me", reader.Plaintext).From(peer);
                withBody.Content = new StringContent("{\"client_id\":2}");
                return (withBody, https);
            case "not_found":
                return (Http.Get("/api/v1/nothing").From(peer), https);
            case "upstream_error":
                var broken = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
                return (Http.Get("/api/v1/broken", broken.Plaintext).From(peer), https);
            case "upstream_timeout":
                var slow = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
                return (Http.Get("/api/v1/slow", slow.Plaintext).From(peer), https);
            case "store_unavailable":
                // Sent while the store is taken away (the SQLite file swapped for an empty one, or PostgreSQL closed).
                return (Http.Get("/api/v1/me", Format.Generate()).From(peer), https);
            default:
                throw new ArgumentOutOfRangeException(nameof(reason), reason, "no case");
        }
    }
}
