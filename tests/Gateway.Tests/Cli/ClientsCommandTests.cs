namespace Gateway.Tests.Cli;

/// <summary><c>gateway clients …</c>: policy and lifecycle from the command line, on the same store and rules.</summary>
public sealed class ClientsCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Show_UnknownClient_DefaultsAndActive()
    {
        var client = await _cli.JsonAsync("clients", "show", "7");

        Assert.Equal("active", client.GetProperty("state").GetString());
        Assert.Equal(20, client.GetProperty("policy").GetProperty("maxLiveTokens").GetInt32());
        Assert.Equal(4, client.GetProperty("grantableScopes").GetArrayLength());
    }

    [Fact]
    public async Task Policy_Options_SetOnlyWhatIsGiven()
    {
        await _cli.JsonAsync("clients", "policy", "7", "--portal", "deny", "--scopes", "account:read,dns:read", "--max-tokens", "5");
        var client = await _cli.JsonAsync("clients", "policy", "7", "--max-lifetime", "90");
        var human = await _cli.RunAsync("clients", "show", "7");

        var policy = client.GetProperty("policy");
        Assert.False(policy.GetProperty("portalAllowed").GetBoolean());
        Assert.Equal(["account:read", "dns:read"], CliRunner.Strings(policy, "portalScopes"));
        Assert.Equal(5, policy.GetProperty("maxLiveTokens").GetInt32());
        Assert.Equal(90, policy.GetProperty("maxLifetimeDays").GetInt32());
        Assert.Contains("max lifetime:  90 days", human.Stdout, StringComparison.Ordinal);
        Assert.Single(await _cli.JsonAsync("clients", "list") is var list ? list.EnumerateArray().ToList() : []);
    }

    [Fact]
    public async Task Policy_BadValues_RefusedAndNothingChanged()
    {
        var result = await _cli.RunAsync("clients", "policy", "7", "--scopes", "account:write", "--max-lifetime", "soon");

        Assert.Equal(1, result.Exit);
        Assert.Contains("--max-lifetime", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(20, (await _cli.JsonAsync("clients", "show", "7")).GetProperty("policy").GetProperty("maxLiveTokens").GetInt32());
    }

    [Fact]
    public async Task Policy_ValuesTheServiceRefuses_ErrorsNameTheFlagsTyped()
    {
        var result = await _cli.RunAsync("clients", "policy", "7", "--scopes", "account:write", "--max-tokens", "-1");

        Assert.Equal(1, result.Exit);
        Assert.Contains("--scopes", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--max-tokens", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("portalScopes", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("maxLiveTokens", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspendResumeClose_ChangeStateAndCloseRevokes()
    {
        var id = await _cli.CreateTokenAsync(8, "deploy");

        var suspended = await _cli.JsonAsync("clients", "suspend", "8", "--reason", "unpaid");
        var refused = await _cli.RunAsync("tokens", "create", "--client", "8", "--name", "more", "--scopes", "account:read");
        var resumed = await _cli.JsonAsync("clients", "resume", "8");
        var closed = await _cli.JsonAsync("clients", "close", "8");

        Assert.Equal("suspended", suspended.GetProperty("state").GetString());
        Assert.Equal("unpaid", suspended.GetProperty("stateReason").GetString());
        Assert.Equal(1, refused.Exit);
        Assert.Contains("suspended", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal("active", resumed.GetProperty("state").GetString());
        Assert.Equal("closed", closed.GetProperty("state").GetString());
        var token = await _cli.ShowAsync(id);
        Assert.Equal("revoked", token.GetProperty("status").GetString());
        Assert.Equal("client_closed", token.GetProperty("revokeReason").GetString());
    }
}
