using Gateway.Tokens;
using static Gateway.Tests.Cli.CliRunner;

namespace Gateway.Tests.Cli;

/// <summary><c>gateway tokens create|list|show|revoke</c> run in-process against a store of its own.</summary>
public sealed class TokensCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Create_Json_PrintsIdAndTokenOnce()
    {
        var result = await _cli.RunAsync("tokens", "create", "--client", "1", "--name", "deploy-script", "--scopes", "account:read,hosting:read", "--json");

        Assert.Equal(0, result.Exit);
        var json = result.Json;
        var token = json.GetProperty("token").GetString()!;
        Assert.True(new TokenFormat("opt_live_").IsWellFormed(token));
        Assert.True(json.GetProperty("id").GetInt64() > 0);
        Assert.Equal(1, json.GetProperty("clientId").GetInt64());
        Assert.Equal(["account:read", "hosting:read"], Strings(json, "scopes"));

        var list = await _cli.RunAsync("tokens", "list");
        var listJson = await _cli.RunAsync("tokens", "list", "--json");
        Assert.DoesNotContain(token, list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listJson.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenFormat.HashForAudit(token), listJson.Stdout, StringComparison.Ordinal);
        Assert.Contains("deploy-script", list.Stdout, StringComparison.Ordinal);
        Assert.Contains("opt_live_…" + token[^4..], list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Human_PrintsTokenAndWarning()
    {
        var result = await _cli.RunAsync("tokens", "create", "--client", "1", "--name", "monitoring-bot", "--scopes", "dns:read");

        Assert.Equal(0, result.Exit);
        Assert.Matches(@"\n    opt_live_[0-9A-Za-z]{38}\n", result.Stdout.ReplaceLineEndings("\n"));
        Assert.Contains("will not be shown again", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad/name", "account:read", "1", "name")]
    [InlineData("ok", "account:write", "1", "Unknown scope")]
    [InlineData("ok", "account:read", "0", "positive")]
    [InlineData("ok", "account:read", "-3", "positive")]
    [InlineData("ok", "account:read", "abc", "abc")]
    public async Task Create_InvalidInput_FailsClearlyAndWritesNothing(string name, string scopes, string client, string expected)
    {
        var result = await _cli.RunAsync("tokens", "create", "--client", client, "--name", name, "--scopes", scopes);

        AssertRefusedAndNothingWritten(result, expected);
        Assert.Empty(await _cli.TokensAsync());
    }

    [Fact]
    public async Task Create_UnknownRole_RefusedAndWritesNothing()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read");

        var result = await _cli.RunAsync("tokens", "create", "--client", "1", "--name", "bot", "--roles", "support,auditors");

        AssertRefusedAndNothingWritten(result, "Unknown role(s): auditors");
        Assert.Empty(await _cli.TokensAsync());
    }

    [Fact]
    public async Task Create_RefusedWithJson_ErrorsAsJsonOnStderr()
    {
        var result = await _cli.RunAsync("tokens", "create", "--client", "1", "--name", "bot", "--roles", "ghosts", "--ips", "nonsense", "--json");

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Stdout);
        using var errors = System.Text.Json.JsonDocument.Parse(result.Stderr);
        var fields = errors.RootElement.GetProperty("errors");
        Assert.Contains("'nonsense'", fields.GetProperty("allowedIps")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await _cli.TokensAsync());
    }

    [Fact]
    public async Task Create_101Ips_RefusedAndWritesNothing()
    {
        var ips = string.Join(",", Enumerable.Range(1, 101).Select(i => $"10.0.{i / 256}.{i % 256}"));

        var result = await _cli.RunAsync("tokens", "create", "--client", "1", "--name", "bot", "--ips", ips);

        AssertRefusedAndNothingWritten(result, "At most 100 allowed IP entries; got 101");
        Assert.Empty(await _cli.TokensAsync());
    }

    [Fact]
    public async Task Create_100Ips_Saved()
    {
        var ips = Enumerable.Range(1, 100).Select(i => $"10.0.{i / 256}.{i % 256}").ToList();

        var id = await _cli.CreateTokenAsync(1, "bot", "--ips", string.Join(",", ips));

        Assert.Equal(ips, Strings(await _cli.ShowAsync(id), "allowedIps"));
    }

    [Fact]
    public async Task Create_ExpiresNever_HasNoExpiryAndIsActive()
    {
        var id = await _cli.CreateTokenAsync(1, "bot", "--expires", "never");

        var token = await _cli.ShowAsync(id);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, token.GetProperty("expiresOn").ValueKind);
        Assert.Equal("active", token.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Create_ExpiresPastDate_Refused()
    {
        var yesterday = Text(Today.AddDays(-1));

        var result = await _cli.RunAsync("tokens", "create", "--client", "1", "--name", "bot", "--scopes", "account:read", "--expires", yesterday);

        AssertRefusedAndNothingWritten(result, $"Expiry date {yesterday} is in the past");
        Assert.Empty(await _cli.TokensAsync());
    }

    [Fact]
    public async Task Create_RateLimit_StoredAndShown()
    {
        var id = await _cli.CreateTokenAsync(1, "bot", "--rate-limit", "120");

        var show = await _cli.RunAsync("tokens", "show", Text(id));
        Assert.Equal(120, (await _cli.ShowAsync(id)).GetProperty("rateLimitPerMinute").GetInt32());
        Assert.Contains("rate limit:   120/min", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Human_PrintsFieldsButNeverTheToken()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "dns:read");
        var created = await _cli.JsonAsync("tokens", "create", "--client", "7", "--name", "billing-sync", "--scopes", "account:read", "--roles", "support", "--ips", "10.5.3.0/24", "--expires", "2099-12-31");
        var plaintext = created.GetProperty("token").GetString()!;

        var result = await _cli.RunAsync("tokens", "show", Text(created.GetProperty("id").GetInt64()));

        Assert.Equal(0, result.Exit);
        Assert.Equal("", result.Stderr);
        Assert.Contains("client:       7", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("name:         billing-sync", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("status:       active", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("scopes:       account:read", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("roles:        support", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("allowed ips:  10.5.3.0/24", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("expires:      2099-12-31", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("rate limit:   default", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("last used:    never", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(plaintext, result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Json_MatchesCreatedTokenWithoutSecret()
    {
        var created = await _cli.JsonAsync("tokens", "create", "--client", "7", "--name", "billing-sync", "--scopes", "account:read,dns:read", "--ips", "2001:db8::/48");
        var id = created.GetProperty("id").GetInt64();

        var result = await _cli.RunAsync("tokens", "show", Text(id), "--json");

        Assert.Equal(0, result.Exit);
        var token = result.Json;
        Assert.Equal(id, token.GetProperty("id").GetInt64());
        Assert.Equal(7, token.GetProperty("clientId").GetInt64());
        Assert.Equal("billing-sync", token.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("hint").GetString(), token.GetProperty("hint").GetString());
        Assert.Equal(["account:read", "dns:read"], Strings(token, "scopes"));
        Assert.Equal(["2001:db8::/48"], Strings(token, "allowedIps"));
        Assert.Equal("active", token.GetProperty("status").GetString());
        Assert.StartsWith("cli:", token.GetProperty("createdBy").GetString(), StringComparison.Ordinal);
        Assert.False(token.TryGetProperty("token", out _));
        Assert.DoesNotContain(created.GetProperty("token").GetString()!, result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--json")]
    public async Task Show_UnknownId_Exit1WithMessage(string json)
    {
        var result = await _cli.RunAsync(["tokens", "show", "424242", .. json.Length == 0 ? Array.Empty<string>() : [json]]);

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Stdout);
        Assert.Contains("no token with id 424242", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ClientFilter_ShowsOnlyThatClient()
    {
        await _cli.CreateTokenAsync(1, "a", "--scopes", "account:read");
        await _cli.CreateTokenAsync(2, "b", "--scopes", "account:read");

        var result = await _cli.RunAsync("tokens", "list", "--client", "2", "--json");

        Assert.Equal(0, result.Exit);
        Assert.Equal("b", Assert.Single(result.Json.EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Revoke_ExistingToken_ListShowsRevoked()
    {
        var id = await _cli.CreateTokenAsync(1, "old", "--scopes", "account:read");

        var result = await _cli.RunAsync("tokens", "revoke", Text(id), "--reason", "rotated");
        var list = await _cli.RunAsync("tokens", "list");

        Assert.Equal(0, result.Exit);
        var token = Assert.Single(await _cli.TokensAsync());
        Assert.Equal("revoked", token.GetProperty("status").GetString());
        Assert.Equal("rotated", token.GetProperty("revokeReason").GetString());
        Assert.Contains("  revoked  ", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_UnknownId_FailsWithMessage()
    {
        var result = await _cli.RunAsync("tokens", "revoke", "424242");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("no token with id 424242", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ExpiresInThreeDays_ShowsExpiringSoon()
    {
        var soon = Text(Today.AddDays(3));
        await _cli.CreateTokenAsync(1, "soon", "--expires", soon);
        await _cli.CreateTokenAsync(1, "later", "--expires", Text(Today.AddDays(60)));

        var human = await _cli.RunAsync("tokens", "list");
        var tokens = await _cli.TokensAsync();

        Assert.Equal("expiring_soon", tokens.Single(t => t.GetProperty("name").GetString() == "soon").GetProperty("status").GetString());
        Assert.Equal("active", tokens.Single(t => t.GetProperty("name").GetString() == "later").GetProperty("status").GetString());
        var row = Assert.Single(human.Stdout.ReplaceLineEndings("\n").Split('\n'), l => l.Contains(" soon ", StringComparison.Ordinal));
        Assert.Contains("expiring soon", row, StringComparison.Ordinal);
        Assert.Contains(soon, row, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();

    private static void AssertRefusedAndNothingWritten(CliResult result, string expected)
    {
        Assert.NotEqual(0, result.Exit);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("opt_live_", result.Stdout, StringComparison.Ordinal);
    }
}
