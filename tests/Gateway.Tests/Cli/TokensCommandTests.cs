using System.Text.Json;
using Gateway.Cli;
using Gateway.Tokens;

namespace Gateway.Tests.Cli;

/// <summary><c>gateway tokens …</c> run in-process against a store of its own (<c>--data</c>).</summary>
public sealed class TokensCommandTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "gateway-cli-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Create_Json_PrintsIdAndTokenOnce()
    {
        var (exit, stdout, _) = await RunAsync("tokens", "create", "--client", "1", "--name", "deploy-script", "--scopes", "account:read,hosting:read", "--json");

        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(stdout).RootElement;
        var token = json.GetProperty("token").GetString()!;
        Assert.True(new TokenFormat("opt_live_").IsWellFormed(token));
        Assert.True(json.GetProperty("id").GetInt64() > 0);
        Assert.Equal(1, json.GetProperty("clientId").GetInt64());
        Assert.Equal(["account:read", "hosting:read"], json.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));

        var (_, list, _) = await RunAsync("tokens", "list");
        var (_, listJson, _) = await RunAsync("tokens", "list", "--json");
        Assert.DoesNotContain(token, list, StringComparison.Ordinal);
        Assert.DoesNotContain(token, listJson, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenFormat.HashForAudit(token), listJson, StringComparison.Ordinal);
        Assert.Contains("deploy-script", list, StringComparison.Ordinal);
        Assert.Contains("opt_live_…" + token[^4..], list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_Human_PrintsTokenAndWarning()
    {
        var (exit, stdout, _) = await RunAsync("tokens", "create", "--client", "1", "--name", "monitoring-bot", "--scopes", "dns:read");

        Assert.Equal(0, exit);
        Assert.Matches(@"\n    opt_live_[0-9A-Za-z]{38}\n", stdout.ReplaceLineEndings("\n"));
        Assert.Contains("will not be shown again", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_ClientFilter_ShowsOnlyThatClient()
    {
        await RunAsync("tokens", "create", "--client", "1", "--name", "a", "--scopes", "account:read");
        await RunAsync("tokens", "create", "--client", "2", "--name", "b", "--scopes", "account:read");

        var (exit, stdout, _) = await RunAsync("tokens", "list", "--client", "2", "--json");

        Assert.Equal(0, exit);
        var tokens = JsonDocument.Parse(stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal("b", Assert.Single(tokens).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Revoke_ExistingToken_ListShowsRevoked()
    {
        var (_, created, _) = await RunAsync("tokens", "create", "--client", "1", "--name", "old", "--scopes", "account:read", "--json");
        var id = JsonDocument.Parse(created).RootElement.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var (exit, _, _) = await RunAsync("tokens", "revoke", id, "--reason", "rotated");
        var (_, list, _) = await RunAsync("tokens", "list", "--json");

        Assert.Equal(0, exit);
        var token = Assert.Single(JsonDocument.Parse(list).RootElement.EnumerateArray());
        Assert.Equal("revoked", token.GetProperty("status").GetString());
        Assert.Equal("rotated", token.GetProperty("revokeReason").GetString());
    }

    [Fact]
    public async Task Revoke_UnknownId_FailsWithMessage()
    {
        var (exit, _, stderr) = await RunAsync("tokens", "revoke", "424242");

        Assert.NotEqual(0, exit);
        Assert.Contains("no token with id 424242", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad name", "account:read", "1", "name")]
    [InlineData("ok", "account:write", "1", "Unknown scope")]
    [InlineData("ok", "account:read", "0", "positive")]
    [InlineData("ok", "account:read", "-3", "positive")]
    [InlineData("ok", "account:read", "abc", "abc")]
    public async Task Create_InvalidInput_FailsClearlyAndWritesNothing(string name, string scopes, string client, string expected)
    {
        var (exit, stdout, stderr) = await RunAsync("tokens", "create", "--client", client, "--name", name, "--scopes", scopes);

        Assert.NotEqual(0, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("opt_live_", stdout, StringComparison.Ordinal);
        var (_, list, _) = await RunAsync("tokens", "list", "--json");
        Assert.Equal(0, JsonDocument.Parse(list).RootElement.GetArrayLength());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = await GatewayCli.RunAsync([.. args, "--data", _data], stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
