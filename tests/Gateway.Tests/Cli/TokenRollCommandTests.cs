using Gateway.Tokens;
using static Gateway.Tests.Cli.CliRunner;

namespace Gateway.Tests.Cli;

/// <summary><c>gateway tokens roll &lt;id&gt; [--overlap …]</c>: a replacement with the same settings, the old one ending after the overlap.</summary>
public sealed class TokenRollCommandTests : IDisposable
{
    private static readonly string[] CopiedFields = ["clientId", "name", "scopes", "roles", "allowedIps", "expiresOn", "rateLimitPerMinute"];

    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Roll_Json_PrintsNewTokenOnceWithSameSettings()
    {
        var old = await CreateFullTokenAsync();
        var oldToken = await _cli.ShowAsync(old);

        var result = await _cli.RunAsync("tokens", "roll", Text(old), "--overlap", "24h", "--json");

        Assert.Equal(0, result.Exit);
        var rolled = result.Json;
        var plaintext = rolled.GetProperty("token").GetString()!;
        Assert.True(new TokenFormat("opt_live_").IsWellFormed(plaintext));
        var id = rolled.GetProperty("id").GetInt64();
        Assert.NotEqual(old, id);
        var replacement = await _cli.ShowAsync(id);
        foreach (var field in CopiedFields)
        {
            Assert.Equal(oldToken.GetProperty(field).GetRawText(), replacement.GetProperty(field).GetRawText());
        }

        Assert.NotEqual(oldToken.GetProperty("hint").GetString(), replacement.GetProperty("hint").GetString());
        Assert.Equal("active", replacement.GetProperty("status").GetString());
        var list = await _cli.RunAsync("tokens", "list", "--json");
        Assert.DoesNotContain(plaintext, list.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(plaintext, (await _cli.RunAsync("tokens", "show", Text(id))).Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roll_Human_PrintsNewTokenAndWarning()
    {
        var old = await CreateFullTokenAsync();

        var result = await _cli.RunAsync("tokens", "roll", Text(old));

        Assert.Equal(0, result.Exit);
        Assert.Contains($"Rolled token {old}; new token", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"\n    opt_live_[0-9A-Za-z]{38}\n", result.Stdout.ReplaceLineEndings("\n"));
        Assert.Contains("will not be shown again", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("24h", 24 * 3600)]
    [InlineData("30m", 30 * 60)]
    [InlineData("7d", 7 * 24 * 3600)]
    [InlineData("30d", 30 * 24 * 3600)]
    [InlineData("1.12:00:00", 36 * 3600)]
    public async Task Roll_Overlap_OldStaysActiveUntilOverlapEnds(string overlap, int seconds)
    {
        var old = await CreateFullTokenAsync();
        var before = DateTimeOffset.UtcNow;

        var result = await _cli.RunAsync("tokens", "roll", Text(old), "--overlap", overlap, "--json");

        var after = DateTimeOffset.UtcNow;
        Assert.Equal(0, result.Exit);
        var oldToken = await _cli.ShowAsync(old);
        Assert.Equal("active", oldToken.GetProperty("status").GetString());
        var revokedAt = oldToken.GetProperty("revokedAt").GetDateTimeOffset();
        Assert.InRange(revokedAt, before.AddSeconds(seconds - 1), after.AddSeconds(seconds + 1));
        Assert.Contains($"replaced by token {result.Json.GetProperty("id").GetInt64()}", oldToken.GetProperty("revokeReason").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData(null)]
    public async Task Roll_NoOverlap_OldRevokedNow(string? overlap)
    {
        var old = await CreateFullTokenAsync();

        var result = await _cli.RunAsync(["tokens", "roll", Text(old), .. overlap is null ? Array.Empty<string>() : ["--overlap", overlap]]);

        Assert.Equal(0, result.Exit);
        var oldToken = await _cli.ShowAsync(old);
        Assert.Equal("revoked", oldToken.GetProperty("status").GetString());
        Assert.InRange(oldToken.GetProperty("revokedAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        var live = (await _cli.TokensAsync()).Where(t => t.GetProperty("status").GetString() == "active");
        Assert.NotEqual(old, Assert.Single(live).GetProperty("id").GetInt64());
    }

    [Theory]
    [InlineData("garbage", "--overlap: 'garbage' is not a duration")]
    [InlineData("-1h", "--overlap: '-1h' is not a duration")]
    [InlineData("5x", "--overlap: '5x' is not a duration")]
    [InlineData("31d", "Overlap must be between 0 and 30 days")]
    [InlineData("30.00:00:01", "Overlap must be between 0 and 30 days")]
    public async Task Roll_BadOverlap_RefusedAndNothingChanged(string overlap, string expected)
    {
        var old = await CreateFullTokenAsync();
        var before = await _cli.ShowAsync(old);

        var result = await _cli.RunAsync("tokens", "roll", Text(old), "--overlap", overlap);

        Assert.NotEqual(0, result.Exit);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("opt_live_", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(before.GetRawText(), (await _cli.ShowAsync(old)).GetRawText());
        Assert.Single(await _cli.TokensAsync());
    }

    [Fact]
    public async Task Roll_RevokedToken_Refused()
    {
        var old = await CreateFullTokenAsync();
        await _cli.JsonAsync("tokens", "revoke", Text(old));

        var result = await _cli.RunAsync("tokens", "roll", Text(old));

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("Only a live token can be rolled", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("opt_live_", result.Stdout, StringComparison.Ordinal);
        Assert.Single(await _cli.TokensAsync());
    }

    [Fact]
    public async Task Roll_TokenAlreadyRolledWithOverlap_Refused()
    {
        var old = await CreateFullTokenAsync();
        await _cli.JsonAsync("tokens", "roll", Text(old), "--overlap", "1h");

        var result = await _cli.RunAsync("tokens", "roll", Text(old), "--overlap", "1h");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("already rolled", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.TokensAsync()).Count);
    }

    [Fact]
    public async Task Roll_UnknownId_Exit1WithMessage()
    {
        var result = await _cli.RunAsync("tokens", "roll", "424242", "--overlap", "1h");

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Stdout);
        Assert.Contains("no token with id 424242", result.Stderr, StringComparison.Ordinal);
    }

    private async Task<long> CreateFullTokenAsync()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "dns:read");
        return await _cli.CreateTokenAsync(
            3, "deploy", "--scopes", "account:read,hosting:read", "--roles", "support", "--ips", "10.5.3.0/24,2001:db8::1", "--expires", Text(Today.AddDays(200)), "--rate-limit", "45");
    }

    public void Dispose() => _cli.Dispose();
}
