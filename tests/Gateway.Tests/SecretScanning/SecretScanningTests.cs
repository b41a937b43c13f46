using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gateway.Audit;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.SecretScanning;

/// <summary>
/// GitHub's secret-scanning partner reports against a local stand-in for GitHub (its own key pair, its key list on
/// WireMock): real signature checks, revocation as leaked, GitHub's per-token labels, and refusals that change nothing.
/// </summary>
public sealed class SecretScanningTests(SecretScanningTests.Fixture fixture) : IClassFixture<SecretScanningTests.Fixture>
{
    public sealed class Fixture : IAsyncLifetime
    {
        public GitHubStandIn GitHub { get; } = new();

        public GatewayFixture Gateway { get; } = new() { Clock = new ManualTimeProvider(DateTimeOffset.UtcNow, TimeZoneInfo.Utc) };

        public async Task InitializeAsync()
        {
            Gateway.Settings["Gateway:SecretScanning:GitHub:Enabled"] = "true";
            Gateway.Settings["Gateway:SecretScanning:GitHub:KeysUrl"] = GitHub.KeysUrl;
            await Gateway.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Gateway.DisposeAsync();
            GitHub.Dispose();
        }
    }

    private GatewayFixture Gateway => fixture.Gateway;

    private GitHubStandIn GitHub => fixture.GitHub;

    [Fact]
    public async Task Post_ValidReport_RevokesAsLeakedAndNextCallIs401()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using var before = await Gateway.GetAsync("/api/v1/me", token.Plaintext);
        const string url = "https://github.com/octocat/hello/blob/abc123/config.yml";

        using var response = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(GitHubStandIn.Report((token.Plaintext, url))));
        using var after = await Gateway.GetAsync("/api/v1/me", token.Plaintext);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var label = Assert.Single((await response.JsonAsync()).EnumerateArray());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Plaintext))), label.GetProperty("token_hash").GetString());
        Assert.Equal("opt_live_token", label.GetProperty("token_type").GetString());
        Assert.Equal("true_positive", label.GetProperty("label").GetString());
        Assert.False(label.TryGetProperty("token_raw", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        var view = (await Gateway.Tokens.GetAsync(token.Token.Id))!;
        Assert.Equal(TokenStatus.Revoked, view.Status);
        Assert.Equal(RevokeKinds.Leaked, view.RevokeKind);
        Assert.Equal(url, view.LeakedUrl);
        Assert.Equal("system:secret-scanning", view.RevokedBy);
        Assert.DoesNotContain(token.Plaintext, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_TamperedBody_401AndNothingRevoked()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var signed = GitHubStandIn.Report((token.Plaintext, "https://github.com/a/b"));
        var tampered = GitHubStandIn.Report((token.Plaintext, "https://github.com/a/c"));

        using var response = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(tampered, signature: GitHub.Sign("key-1", signed)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The report's signature could not be verified.", await response.MessageAsync());
        Assert.Equal(TokenStatus.Active, (await Gateway.Tokens.GetAsync(token.Token.Id))!.Status);
    }

    [Fact]
    public async Task Post_SignatureMissingOrGarbage_401AndNothingRevoked()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var body = GitHubStandIn.Report((token.Plaintext, ""));
        using var unsigned = GitHub.Post(body);
        unsigned.Headers.Remove("Github-Public-Key-Signature");

        using var missing = await Gateway.CreateHttpsClient().SendAsync(unsigned);
        using var garbage = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(body, signature: "not base64 !!"));
        using var wrongDer = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(body, signature: Convert.ToBase64String(new byte[70])));

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongDer.StatusCode);
        Assert.Equal(TokenStatus.Active, (await Gateway.Tokens.GetAsync(token.Token.Id))!.Status);
    }

    [Fact]
    public async Task Post_UnknownKeyIds_401AndKeyListFetchedAtMostOncePerMinute()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var body = GitHubStandIn.Report((token.Plaintext, ""));
        // Make sure the list is cached, then count the fetches that made-up key ids cause.
        using (await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(GitHubStandIn.Report(("opt_live_x", ""))))) { }
        var fetches = GitHub.KeyFetches;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            var madeUp = GitHub.NewKey($"made-up-{Guid.NewGuid():N}");
            using var response = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(body, madeUp));
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.True(GitHub.KeyFetches - fetches <= 1, $"{GitHub.KeyFetches - fetches} fetches for 20 unknown key ids within a minute");
        Assert.Equal(TokenStatus.Active, (await Gateway.Tokens.GetAsync(token.Token.Id))!.Status);
    }

    [Fact]
    public async Task Post_KeyRotated_NewKeyFetchedAndAcceptedOldKeyRefused()
    {
        var first = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var second = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using (await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(GitHubStandIn.Report(("opt_live_x", ""))))) { }
        var rotated = GitHub.NewKey($"key-{Guid.NewGuid():N}");
        GitHub.Publish(rotated);
        Gateway.Clock!.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        using var withNew = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(GitHubStandIn.Report((first.Plaintext, "")), rotated));
        using var withOld = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(GitHubStandIn.Report((second.Plaintext, "")), "key-1"));
        GitHub.Publish("key-1", rotated);
        Gateway.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
        Assert.Equal(TokenStatus.Revoked, (await Gateway.Tokens.GetAsync(first.Token.Id))!.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.StatusCode);
        Assert.Equal(TokenStatus.Active, (await Gateway.Tokens.GetAsync(second.Token.Id))!.Status);
    }

    [Fact]
    public async Task Post_ReplayForRevokedToken_SameLabelsAndRevokedOnce()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var body = GitHubStandIn.Report((token.Plaintext, "https://github.com/a/b/blob/1/x"));

        using var first = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(body));
        var revoked = (await Gateway.Tokens.GetAsync(token.Token.Id))!;
        Gateway.Clock!.Advance(TimeSpan.FromSeconds(5));
        using var replay = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(body));
        var after = (await Gateway.Tokens.GetAsync(token.Token.Id))!;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal((await first.Content.ReadAsStringAsync()), await replay.Content.ReadAsStringAsync());
        Assert.Equal(revoked.RevokedAt, after.RevokedAt);
        await using var db = await Gateway.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Gateway.Data.GatewayDbContext>>().CreateDbContextAsync();
        Assert.Single(db.OutboxEvents.Where(e => e.TokenId == token.Token.Id && e.Type == "token.leaked"));
    }

    [Fact]
    public async Task Post_MixOfRealUnknownAndMalformed_LabelsEachAndRevokesOnlyTheReal()
    {
        var real = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var bystander = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var unknown = Gateway.Services.GetRequiredService<TokenFormat>().Generate();
        var badChecksum = real.Plaintext[..^1] + (real.Plaintext[^1] == 'A' ? 'B' : 'A');
        var body = GitHubStandIn.Report((real.Plaintext, "https://github.com/x/y"), (unknown, ""), ("opt_live_short", ""), (badChecksum, ""), ("", ""));

        using var response = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var labels = (await response.JsonAsync()).EnumerateArray().Select(l => l.GetProperty("label").GetString()).ToList();
        Assert.Equal(["true_positive", "false_positive", "false_positive", "false_positive", "false_positive"], labels);
        Assert.Equal(TokenStatus.Revoked, (await Gateway.Tokens.GetAsync(real.Token.Id))!.Status);
        Assert.Equal(TokenStatus.Active, (await Gateway.Tokens.GetAsync(bystander.Token.Id))!.Status);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"token\":\"x\"}")]
    [InlineData("[]")]
    [InlineData("[{\"type\":\"t\"}]")]
    [InlineData("[1,2]")]
    public async Task Post_SignedButMalformedBody_400AndNothingRevoked(string text)
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);

        using var response = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(Encoding.UTF8.GetBytes(text)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TokenStatus.Active, (await Gateway.Tokens.GetAsync(token.Token.Id))!.Status);
    }

    [Fact]
    public async Task Post_LargerThanTheLimit_413AndNothingRevoked()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var matches = Enumerable.Repeat((token.Plaintext, new string('a', 1000)), 1100).ToArray();
        var body = GitHubStandIn.Report(matches);

        using var response = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(body));

        Assert.True(body.Length > 1024 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(TokenStatus.Active, (await Gateway.Tokens.GetAsync(token.Token.Id))!.Status);
    }

    [Fact]
    public async Task Post_EveryReport_AuditedWithHashesOnly()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var body = GitHubStandIn.Report((token.Plaintext, "https://github.com/a/audited"));
        using var refused = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(body, signature: GitHub.Sign("key-1", [1, 2, 3])));
        using var accepted = await Gateway.CreateHttpsClient().SendAsync(GitHub.Post(body));

        var folder = Path.Combine(Gateway.DataPath, "logs");
        IReadOnlyList<string> lines = [];
        await Eventually.TrueAsync(async () =>
        {
            lines = await Audit.AuditFile.ReadLinesAsync(folder);
            return lines.Any(l => l.Contains("\"token.leaked\"", StringComparison.Ordinal) && l.Contains($"\"token:{token.Token.Id}\"", StringComparison.Ordinal))
                && lines.Any(l => l.Contains("\"Outcome\":\"accepted\"", StringComparison.Ordinal) && l.Contains(TokenFormat.HashForAudit(token.Plaintext), StringComparison.Ordinal));
        }, "the report's audit events");
        var text = string.Join('\n', lines);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains(lines, l => l.Contains("\"Outcome\":\"bad_signature\"", StringComparison.Ordinal) && l.Contains($"\"BodyBytes\":{body.Length}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("\"Outcome\":\"accepted\"", StringComparison.Ordinal) && l.Contains(TokenFormat.HashForAudit(token.Plaintext), StringComparison.Ordinal));
        Assert.DoesNotContain(token.Plaintext, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_OverPlainHttp_Refused403()
    {
        var client = Gateway.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);

        using var response = await client.SendAsync(GitHub.Post(GitHubStandIn.Report((token.Plaintext, ""))));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_OnAdminListener_404()
    {
        using var response = await Gateway.CreateAdminClient().SendAsync(GitHub.Post(GitHubStandIn.Report(("opt_live_x", ""))));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
