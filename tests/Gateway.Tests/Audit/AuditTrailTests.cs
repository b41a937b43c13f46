using System.Net;
using System.Text.Json;
using Gateway.Data;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace Gateway.Tests.Audit;

/// <summary>Every decision of the public request path produces one audit event with the right reason and fields.</summary>
public sealed class AuditTrailTests(AuditTrailTests.Fixture fixture) : IClassFixture<AuditTrailTests.Fixture>
{
    private static readonly TokenFormat Format = new("opt_live_");

    private GatewayFixture Gateway => fixture.Gateway;

    private string Folder => Path.Combine(Gateway.DataPath, "logs");

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            Settings =
            {
                ["Gateway:RateLimiting:PermitsPerMinute"] = "3",
                ["Gateway:RateLimiting:FailedAuthPerMinute"] = "3",
                ["ReverseProxy:Clusters:billing:HttpRequest:ActivityTimeout"] = "00:00:01",
            },
        };

        public async Task InitializeAsync()
        {
            await Gateway.InitializeAsync();
            // A backend slower than the cluster's timeout, for upstream_timeout.
            Gateway.Backend.Given(Request.Create().WithPath("/api/v1/orders").UsingGet()).AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)));
        }

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Allowed_Request_HasWhoWhatAndTimings()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using var request = Http.Get("/api/v1/invoices?page=2", token.Plaintext).From("198.51.100.20");
        request.Headers.UserAgent.ParseAdd("billing-sync/1.0");

        var e = await SendAsync(request);

        Assert.Equal("public_request", e.GetProperty("EventType").GetString());
        Assert.Equal("allowed", e.GetProperty("Decision").GetString());
        Assert.False(e.TryGetProperty("Reason", out var reason) && reason.ValueKind != JsonValueKind.Null);
        Assert.Equal(token.Token.Id, e.GetProperty("TokenId").GetInt64());
        Assert.Equal(1, e.GetProperty("ClientId").GetInt64());
        Assert.Equal(TokenFormat.HashForAudit(token.Plaintext), e.GetProperty("HashedToken").GetString());
        Assert.Equal("198.51.100.20", e.GetProperty("ClientIp").GetString());
        Assert.Equal("GET", e.GetProperty("Method").GetString());
        Assert.Equal("/api/v1/invoices?page=2", e.GetProperty("Path").GetString());
        Assert.Equal("invoices", e.GetProperty("RouteId").GetString());
        Assert.Equal(200, e.GetProperty("Status").GetInt32());
        Assert.Equal(200, e.GetProperty("UpstreamStatus").GetInt32());
        Assert.True(e.GetProperty("DurationMs").GetDouble() > 0);
        Assert.True(e.GetProperty("UpstreamDurationMs").GetDouble() > 0);
        Assert.Equal("billing-sync/1.0", e.GetProperty("UserAgent").GetString());
        Assert.True(e.TryGetProperty("@t", out _));
    }

    [Fact]
    public async Task Denied_EachAuthenticationFailure_HasItsReason()
    {
        var revoked = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await Gateway.Tokens.RevokeAsync(revoked.Token.Id, "test", null);
        var expired = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await Gateway.ExpireAsync(expired.Token.Id);
        var unknown = Format.Generate();

        await AssertReasonAsync(Http.Get("/api/v1/me").From("198.51.100.31"), "missing_token", 401);
        await AssertReasonAsync(Http.Get("/api/v1/me", "opt_live_short").From("198.51.100.32"), "malformed_token", 401);
        var unknownEvent = await AssertReasonAsync(Http.Get("/api/v1/me", unknown).From("198.51.100.33"), "unknown_token", 401);
        var revokedEvent = await AssertReasonAsync(Http.Get("/api/v1/me", revoked.Plaintext).From("198.51.100.34"), "revoked_token", 401);
        await AssertReasonAsync(Http.Get("/api/v1/me", expired.Plaintext).From("198.51.100.35"), "expired_token", 401);

        Assert.Equal(TokenFormat.HashForAudit(unknown), unknownEvent.GetProperty("HashedToken").GetString());
        Assert.Equal(revoked.Token.Id, revokedEvent.GetProperty("TokenId").GetInt64());
    }

    [Fact]
    public async Task Denied_PolicyFailures_HaveTheirReasons()
    {
        var limited = await Gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], AllowedIps = ["10.0.0.0/8"] });
        await AssertReasonAsync(Http.Get("/api/v1/me", limited.Plaintext).From("198.51.100.40"), "ip_not_allowed", 403);

        var noScope = await Gateway.CreateTokenAsync(1, ScopeCatalog.DnsRead);
        await AssertReasonAsync(Http.Get("/api/v1/me", noScope.Plaintext).From("198.51.100.42"), "scope_missing", 403);

        var busy = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        for (var i = 0; i < 3; i++)
        {
            using var ok = await Gateway.CreateHttpsClient().SendAsync(Http.Get("/api/v1/me", busy.Plaintext));
        }

        await AssertReasonAsync(Http.Get("/api/v1/me", busy.Plaintext), "rate_limited", 429);

        for (var i = 0; i < 3; i++)
        {
            using var bad = await Gateway.CreateHttpsClient().SendAsync(Http.Get("/api/v1/me", Format.Generate()).From("198.51.100.41"));
        }

        await AssertReasonAsync(Http.Get("/api/v1/me", Format.Generate()).From("198.51.100.41"), "auth_rate_limited", 429);
    }

    [Fact]
    public async Task Denied_RoutingAndTransportFailures_HaveTheirReasons()
    {
        var token = await Gateway.CreateTokenAsync(1, Gateway.AllScopes);
        await AssertReasonAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me").From("198.51.100.50"), "method_not_allowed", 405);
        await AssertReasonAsync(Http.Get("/api/v1/nothing", token.Plaintext).From("198.51.100.51"), "not_found", 404);
        await AssertReasonAsync(Http.Get("/api/v1/orders", token.Plaintext), "upstream_timeout", 504);

        var plain = Gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });
        using var response = await plain.SendAsync(Http.Get("/api/v1/me").From("198.51.100.52"));
        var e = await AuditFile.EventAsync(Folder, RequestId(response));
        Assert.Equal("https_required", e.GetProperty("Reason").GetString());
    }

    [Fact]
    public async Task Path_TokenInQueryString_IsRedacted()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);

        var e = await SendAsync(Http.Get($"/api/v1/me?access_token={token.Plaintext}&q=x", token.Plaintext));

        Assert.Equal("/api/v1/me?access_token=[redacted]&q=x", e.GetProperty("Path").GetString());
        var all = string.Join('\n', await AuditFile.ReadLinesAsync(Folder));
        Assert.DoesNotContain(token.Plaintext, all, StringComparison.Ordinal);
    }

    private async Task<JsonElement> AssertReasonAsync(HttpRequestMessage request, string reason, int status)
    {
        var e = await SendAsync(request);
        Assert.Equal("denied", e.GetProperty("Decision").GetString());
        Assert.Equal(reason, e.GetProperty("Reason").GetString());
        Assert.Equal(status, e.GetProperty("Status").GetInt32());
        return e;
    }

    private async Task<JsonElement> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await Gateway.CreateHttpsClient().SendAsync(request);
            return await AuditFile.EventAsync(Folder, RequestId(response));
        }
    }

    private static string RequestId(HttpResponseMessage response) => Assert.Single(response.Headers.GetValues("X-Request-Id"));
}

/// <summary>With the backend down, requests are denied as upstream_error (502), and say so in the audit log.</summary>
public sealed class AuditUpstreamDownTests(AuditUpstreamDownTests.Fixture fixture) : IClassFixture<AuditUpstreamDownTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            // Nothing listens on a fresh free port: connections are refused.
            Settings = { ["ReverseProxy:Clusters:billing:Destinations:primary:Address"] = $"http://127.0.0.1:{FreePort.Next()}/" },
        };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Get_BackendDown_Is502AndAuditedAsUpstreamError()
    {
        var token = await fixture.Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);

        using var response = await fixture.Gateway.CreateHttpsClient().SendAsync(Http.Get("/api/v1/me", token.Plaintext));
        var e = await AuditFile.EventAsync(Path.Combine(fixture.Gateway.DataPath, "logs"), Assert.Single(response.Headers.GetValues("X-Request-Id")));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Equal("Upstream unavailable.", await response.MessageAsync());
        Assert.Equal("denied", e.GetProperty("Decision").GetString());
        Assert.Equal("upstream_error", e.GetProperty("Reason").GetString());
        Assert.Equal(JsonValueKind.Null, e.TryGetProperty("UpstreamStatus", out var upstream) ? upstream.ValueKind : JsonValueKind.Null);
    }
}
