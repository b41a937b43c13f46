using System.Net;
using System.Text.Json;
using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gateway.Tests.RateLimiting;

/// <summary>
/// The failed-auth limiter at its defaults (30 refusals a minute per address, tokens cached 1 s): what counts against
/// an address (bad tokens, no token, unknown paths, plain HTTP), what an address over the limit still gets (tokens
/// the gateway has seen valid, even once their cache entry has aged out), and what it costs nobody (no store lookup).
/// Each test uses addresses of its own.
/// </summary>
public sealed class FailedAuthGuardTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const int Limit = 30;
    private static readonly TokenFormat Format = new("opt_live_");

    [Fact]
    public async Task Get_AddressOverLimit_TokenInSteadyUse_KeepsWorkingAfterItsCacheEntryAgesOut()
    {
        const string address = "198.51.100.60";
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/api/v1/me", token.Plaintext, address));
        await FailAsync(address, Limit);
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync("/api/v1/me", Format.Generate(), address));

        // A script calling every second or so: each call finds its cache entry (1 s) gone.
        for (var round = 0; round < 3; round++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1300));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync("/api/v1/me", token.Plaintext, address));
        }

        // A valid token the gateway has never seen still waits out the window from there: it could be a guess.
        var unseen = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync("/api/v1/me", unseen.Plaintext, address));
    }

    [Fact]
    public async Task Get_AddressOverLimit_UnknownTokensCostNoStoreLookup()
    {
        const string address = "198.51.100.61";
        await FailAsync(address, Limit);
        var reads = gateway.StoreCommands.TokenReads;

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync("/api/v1/me", Format.Generate(), address));
        }

        Assert.Equal(reads, gateway.StoreCommands.TokenReads);
    }

    [Fact]
    public async Task Get_RequestsWithoutToken_CountAgainstTheAddress()
    {
        const string address = "198.51.100.62";
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync("/api/v1/me", null, address));
        }

        using var refused = await gateway.GetAsync("/api/v1/me", null, address);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Equal("auth_rate_limited", (await EventOf(refused)).GetProperty("Reason").GetString());
    }

    [Fact]
    public async Task Get_UnknownPaths_CountAgainstTheAddress()
    {
        const string address = "198.51.100.63";
        for (var i = 0; i < Limit; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, await StatusAsync($"/api/v1/nothing/{i}", null, address));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync("/api/v1/me", Format.Generate(), address));
    }

    [Fact]
    public async Task Healthz_ManyProbes_NeitherAuditedNorCounted()
    {
        const string address = "198.51.100.64";
        for (var i = 0; i < Limit + 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, await StatusAsync("/healthz", null, address));
        }

        using var after = await gateway.GetAsync("/api/v1/me", Format.Generate(), address);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        // The request after the probes is in the audit log, so the probes would be by now.
        await EventOf(after);
        var lines = await AuditFile.ReadLinesAsync(Path.Combine(gateway.DataPath, "logs"));
        Assert.DoesNotContain(lines, line => line.Contains("\"/healthz\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Audit_RefusedRequestWithLongPathAndUserAgent_KeepsBoundedFields()
    {
        var path = "/api/v1/" + new string('p', 4000) + "?q=" + new string('q', 3000);
        using var request = Http.Get(path).From("198.51.100.65");
        request.Headers.TryAddWithoutValidation("User-Agent", new string('u', 5000));

        using var response = await gateway.CreateHttpsClient().SendAsync(request);
        var e = await EventOf(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var audited = e.GetProperty("Path").GetString()!;
        var agent = e.GetProperty("UserAgent").GetString()!;
        Assert.StartsWith("/api/v1/ppp", audited, StringComparison.Ordinal);
        Assert.Matches(@"…\[7011 chars, sha256:[0-9a-f]{16}\]$", audited);
        Assert.InRange(audited.Length, 256, 300);
        Assert.Matches(@"^u{128}…\[5000 chars, sha256:[0-9a-f]{16}\]$", agent);
    }

    [Fact]
    public async Task PlainHttp_UnknownTokens_SameGuardAsHttps()
    {
        const string address = "198.51.100.66";
        var plain = gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        var reads = gateway.StoreCommands.TokenReads;

        for (var i = 0; i < Limit + 20; i++)
        {
            using var response = await plain.SendAsync(Http.Get("/api/v1/me", Format.Generate()).From(address));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        // Each unknown token was one lookup until the address went over its limit; then none.
        Assert.Equal(Limit, gateway.StoreCommands.TokenReads - reads);
    }

    [Fact]
    public async Task PlainHttp_AddressOverLimit_TokenSeenValidIsStillRevokedAsExposed()
    {
        const string address = "198.51.100.67";
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync("/api/v1/me", token.Plaintext, "198.51.100.68"));
        await FailAsync(address, Limit);
        var plain = gateway.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

        using var response = await plain.SendAsync(Http.Get("/api/v1/me", token.Plaintext).From(address));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(TokenStatus.Revoked, (await gateway.Tokens.GetAsync(token.Token.Id))!.Status);
    }

    private async Task FailAsync(string address, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await StatusAsync("/api/v1/me", Format.Generate(), address));
        }
    }

    private async Task<HttpStatusCode> StatusAsync(string path, string? token, string address)
    {
        using var response = await gateway.GetAsync(path, token, address);
        return response.StatusCode;
    }

    private Task<JsonElement> EventOf(HttpResponseMessage response) =>
        AuditFile.EventAsync(Path.Combine(gateway.DataPath, "logs"), Assert.Single(response.Headers.GetValues("X-Request-Id")));
}
