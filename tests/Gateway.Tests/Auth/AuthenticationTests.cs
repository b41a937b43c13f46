using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Auth;

/// <summary>Every way of not being authenticated gets the same 401, and nothing reaches the backend.</summary>
public sealed class AuthenticationTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private static readonly TokenFormat Format = new("opt_live_");

    public static TheoryData<string, string[]> BadAuthorizationHeaders()
    {
        var wellFormedUnknown = Format.Generate();
        var badChecksum = wellFormedUnknown[..^1] + (wellFormedUnknown[^1] == 'A' ? 'B' : 'A');
        return new TheoryData<string, string[]>
        {
            { "no header", [] },
            { "basic", ["Basic dXNlcjpwYXNz"] },
            { "bearer with nothing", ["Bearer"] },
            { "bearer with spaces only", ["Bearer    "] },
            { "bad checksum", [$"Bearer {badChecksum}"] },
            { "wrong prefix", [$"Bearer opt_test_{wellFormedUnknown["opt_live_".Length..]}"] },
            { "truncated", [$"Bearer {wellFormedUnknown[..^3]}"] },
            { "well-formed but unknown", [$"Bearer {wellFormedUnknown}"] },
        };
    }

    [Theory]
    [MemberData(nameof(BadAuthorizationHeaders))]
    public async Task Get_BadCredentials_Is401UnauthenticatedWithBearerChallenge(string because, string[] authorization)
    {
        gateway.Backend.ResetLogEntries();
        using var request = Http.Get("/api/v1/me");
        if (authorization.Length > 0)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, because);
        Assert.Equal("Unauthenticated.", await response.MessageAsync());
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.ToString());
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Get_TwoAuthorizationHeaders_Is401EvenIfOneIsValid()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();
        using var request = Http.Get("/api/v1/me");
        request.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {token.Plaintext}", $"Bearer {token.Plaintext}"]);

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Unauthenticated.", await response.MessageAsync());
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Get_LowercaseBearerScheme_IsAccepted()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using var request = Http.Get("/api/v1/me");
        request.Headers.TryAddWithoutValidation("Authorization", $"bearer {token.Plaintext}");

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_RevokedToken_VeryNextRequestIs401()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var client = gateway.CreateHttpsClient();
        using (var before = await client.SendAsync(Http.Get("/api/v1/me", token.Plaintext)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await gateway.Tokens.RevokeAsync(token.Token.Id, "test", "compromised");
        gateway.Backend.ResetLogEntries();

        using var after = await client.SendAsync(Http.Get("/api/v1/me", token.Plaintext));

        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("Unauthenticated.", await after.MessageAsync());
        Assert.Equal("Bearer", after.Headers.WwwAuthenticate.ToString());
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Get_TokenInQueryString_IsNotAccepted()
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.CreateHttpsClient().SendAsync(Http.Get($"/api/v1/me?access_token={token.Plaintext}&token={token.Plaintext}"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(gateway.Backend.LogEntries);
    }
}
