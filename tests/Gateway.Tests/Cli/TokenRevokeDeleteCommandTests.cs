using System.Globalization;
using System.Text.RegularExpressions;
using static Gateway.Tests.Cli.CliRunner;

namespace Gateway.Tests.Cli;

/// <summary><c>gateway tokens revoke-all --client N</c> and <c>gateway tokens delete &lt;id&gt;</c>.</summary>
public sealed class TokenRevokeDeleteCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task RevokeAll_Client_RevokesOnlyThatClientsLiveTokens()
    {
        var a = await _cli.CreateTokenAsync(1, "a");
        var b = await _cli.CreateTokenAsync(1, "b");
        var other = await _cli.CreateTokenAsync(2, "a");

        var result = await _cli.RunAsync("tokens", "revoke-all", "--client", "1", "--reason", "account compromised");

        Assert.Equal(0, result.Exit);
        var reported = Assert.Single(Regex.Matches(result.Stdout, @"Revoked 2 token\(s\) of client 1: (\d+), (\d+)\."));
        Assert.Equal([a, b], reported.Groups.Values.Skip(1).Select(g => long.Parse(g.Value, CultureInfo.InvariantCulture)).Order());
        foreach (var id in new[] { a, b })
        {
            var token = await _cli.ShowAsync(id);
            Assert.Equal("revoked", token.GetProperty("status").GetString());
            Assert.Equal("account compromised", token.GetProperty("revokeReason").GetString());
        }

        var untouched = await _cli.ShowAsync(other);
        Assert.Equal("active", untouched.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, untouched.GetProperty("revokedAt").ValueKind);
    }

    [Fact]
    public async Task RevokeAll_Json_ListsRevokedIdsAndSkipsAlreadyRevoked()
    {
        var revoked = await _cli.CreateTokenAsync(4, "old");
        var first = await _cli.JsonAsync("tokens", "revoke", Text(revoked), "--reason", "first");
        var live = await _cli.CreateTokenAsync(4, "live");

        var result = await _cli.RunAsync("tokens", "revoke-all", "--client", "4", "--json");

        Assert.Equal(0, result.Exit);
        Assert.Equal(4, result.Json.GetProperty("clientId").GetInt64());
        Assert.Equal([live], result.Json.GetProperty("revoked").EnumerateArray().Select(e => e.GetInt64()));
        var kept = await _cli.ShowAsync(revoked);
        Assert.Equal("first", kept.GetProperty("revokeReason").GetString());
        Assert.Equal(first.GetProperty("revokedAt").GetRawText(), kept.GetProperty("revokedAt").GetRawText());
    }

    [Fact]
    public async Task RevokeAll_RolledTokenInOverlap_EndsOverlapNow()
    {
        var old = await _cli.CreateTokenAsync(5, "deploy");
        var rolled = await _cli.JsonAsync("tokens", "roll", Text(old), "--overlap", "24h");

        var result = await _cli.JsonAsync("tokens", "revoke-all", "--client", "5");

        Assert.Equal([rolled.GetProperty("id").GetInt64(), old], result.GetProperty("revoked").EnumerateArray().Select(e => e.GetInt64()).Order().Reverse());
        Assert.All(await _cli.TokensAsync(), t => Assert.Equal("revoked", t.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task RevokeAll_ClientWithoutTokens_ReportsZero()
    {
        await _cli.CreateTokenAsync(1, "a");

        var result = await _cli.RunAsync("tokens", "revoke-all", "--client", "99");

        Assert.Equal(0, result.Exit);
        Assert.Contains("Revoked 0 token(s) of client 99.", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("active", Assert.Single(await _cli.TokensAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task RevokeAll_NoClient_Refused()
    {
        var id = await _cli.CreateTokenAsync(1, "a");

        var result = await _cli.RunAsync("tokens", "revoke-all");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("--client", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("active", (await _cli.ShowAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delete_LiveToken_RefusedSaysRevokeFirst()
    {
        var id = await _cli.CreateTokenAsync(1, "live");

        var result = await _cli.RunAsync("tokens", "delete", Text(id));

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("revoke it before deleting it", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("active", (await _cli.ShowAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Delete_TokenInRollOverlap_Refused()
    {
        var id = await _cli.CreateTokenAsync(1, "deploy");
        await _cli.JsonAsync("tokens", "roll", Text(id), "--overlap", "1h");

        var result = await _cli.RunAsync("tokens", "delete", Text(id));

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("revoke it before deleting it", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.TokensAsync()).Count);
    }

    [Fact]
    public async Task Delete_RevokedToken_DeletedThenShowNotFound()
    {
        var id = await _cli.CreateTokenAsync(1, "old");
        var kept = await _cli.CreateTokenAsync(1, "kept");
        await _cli.JsonAsync("tokens", "revoke", Text(id));

        var result = await _cli.RunAsync("tokens", "delete", Text(id));

        Assert.Equal(0, result.Exit);
        Assert.Contains($"Deleted token {id} 'old' of client 1.", result.Stdout, StringComparison.Ordinal);
        var show = await _cli.RunAsync("tokens", "show", Text(id));
        Assert.Equal(1, show.Exit);
        Assert.Contains($"no token with id {id}", show.Stderr, StringComparison.Ordinal);
        Assert.Equal(kept, Assert.Single(await _cli.TokensAsync()).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Delete_Json_PrintsDeletedToken()
    {
        var id = await _cli.CreateTokenAsync(1, "old");
        await _cli.JsonAsync("tokens", "revoke", Text(id));

        var result = await _cli.RunAsync("tokens", "delete", Text(id), "--json");

        Assert.Equal(0, result.Exit);
        Assert.Equal(id, result.Json.GetProperty("id").GetInt64());
        Assert.Equal("revoked", result.Json.GetProperty("status").GetString());
        Assert.Empty(await _cli.TokensAsync());
    }

    [Fact]
    public async Task Delete_UnknownId_Exit1WithMessage()
    {
        var result = await _cli.RunAsync("tokens", "delete", "424242");

        Assert.Equal(1, result.Exit);
        Assert.Contains("no token with id 424242", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
