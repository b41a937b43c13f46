using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Cli;

/// <summary><c>gateway staff …</c> and the <c>admin …</c> alias: the lifecycle from the command line, keys with owners, the last-admin rule.</summary>
public sealed class StaffCommandTests : IDisposable
{
    private const string Password = "cli staff password 77";
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Staff_Lifecycle_ListShowsEachState()
    {
        Assert.Equal(0, (await _cli.RunAsync(["staff", "create", "Erin", "--role", "admin"], Password)).Exit);
        Assert.Equal(0, (await _cli.RunAsync(["staff", "create", "frank", "--role", "auditor"], Password)).Exit);

        var created = Assert.Single((await _cli.JsonAsync("staff", "list")).EnumerateArray(), a => a.GetProperty("username").GetString() == "erin");
        Assert.Equal("admin", created.GetProperty("role").GetString());
        Assert.False(created.GetProperty("mfaEnrolled").GetBoolean());

        var role = await _cli.RunAsync("staff", "role", "frank", "admin");
        var disabled = await _cli.RunAsync("staff", "disable", "frank");
        var listed = await _cli.RunAsync("staff", "list");

        Assert.Contains("'frank' is now admin: its sessions ended.", role.Stdout, StringComparison.Ordinal);
        Assert.Contains("Disabled 'frank'", disabled.Stdout, StringComparison.Ordinal);
        Assert.Contains("frank     admin  disabled", listed.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("ID  USERNAME  ROLE   STATUS", listed.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_LastEnabledAdmin_RefusedWithAClearError()
    {
        Assert.Equal(0, (await _cli.RunAsync(["staff", "create", "solo", "--role", "admin"], Password)).Exit);

        var disable = await _cli.RunAsync("staff", "disable", "solo");
        var demote = await _cli.RunAsync("staff", "role", "solo", "auditor");
        var delete = await _cli.RunAsync("staff", "delete", "solo");

        Assert.All([disable, demote, delete], r =>
        {
            Assert.Equal(1, r.Exit);
            Assert.Contains("error: <username>: 'solo' is the last enabled admin", r.Stderr, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task Staff_UsernameAsArgumentOrOption_BothWork()
    {
        var named = await _cli.RunAsync(["staff", "create", "--username", "gina", "--role", "auditor"], Password);
        var disabled = await _cli.RunAsync("staff", "disable", "--username", "gina");
        var neither = await _cli.RunAsync("staff", "enable");

        Assert.Equal(0, named.Exit);
        Assert.Contains("Disabled 'gina'", disabled.Stdout, StringComparison.Ordinal);
        Assert.NotEqual(0, neither.Exit);
        Assert.Contains("Name the account", neither.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_UnknownAccount_SaysSo()
    {
        var result = await _cli.RunAsync("staff", "reset-mfa", "nobody");

        Assert.Equal(1, result.Exit);
        Assert.Contains("error: no staff account named 'nobody'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_BelongToAnOwner_AndDieWithIt()
    {
        Assert.Equal(0, (await _cli.RunAsync(["staff", "create", "owner", "--role", "admin"], Password)).Exit);
        Assert.Equal(0, (await _cli.RunAsync(["staff", "create", "keeper", "--role", "admin"], Password)).Exit);

        var ownerless = await _cli.RunAsync("staff", "keys", "create", "--name", "ci");
        var unknown = await _cli.RunAsync("staff", "keys", "create", "--name", "ci", "--owner", "ghost");
        var created = await _cli.JsonAsync("admin", "keys", "create", "--name", "ci", "--role", "admin", "--owner", "owner");
        await _cli.JsonAsync("staff", "delete", "owner");
        var key = Assert.Single((await _cli.JsonAsync("staff", "keys", "list")).EnumerateArray());

        Assert.NotEqual(0, ownerless.Exit);
        Assert.Contains("--owner", ownerless.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: --owner: no staff account named 'ghost'", unknown.Stderr, StringComparison.Ordinal);
        Assert.Equal("owner", created.GetProperty("owner").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.String, key.GetProperty("revokedAt").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, key.GetProperty("owner").ValueKind);
    }

    public void Dispose() => _cli.Dispose();
}
