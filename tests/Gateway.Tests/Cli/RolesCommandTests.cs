using static Gateway.Tests.Cli.CliRunner;

namespace Gateway.Tests.Cli;

/// <summary><c>gateway roles create|list|edit|delete</c>, and what a role change does to the tokens holding it.</summary>
public sealed class RolesCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Create_WithScopes_Listed()
    {
        var result = await _cli.RunAsync("roles", "create", "support", "--scopes", "account:read,dns:read", "--description", "Help desk tools");

        Assert.Equal(0, result.Exit);
        Assert.Contains("Created role 'support' (scopes: account:read,dns:read).", result.Stdout, StringComparison.Ordinal);
        var role = await _cli.RoleAsync("support");
        Assert.Equal(["account:read", "dns:read"], Strings(role, "scopes"));
        Assert.Equal("Help desk tools", role.GetProperty("description").GetString());
        Assert.Equal(0, role.GetProperty("tokenCount").GetInt32());
    }

    [Fact]
    public async Task Create_Json_PrintsRole()
    {
        var result = await _cli.RunAsync("roles", "create", "support", "--scopes", "hosting:read", "--json");

        Assert.Equal(0, result.Exit);
        Assert.Equal("support", result.Json.GetProperty("name").GetString());
        Assert.Equal(["hosting:read"], Strings(result.Json, "scopes"));
    }

    [Fact]
    public async Task Create_DuplicateName_RefusedAndFirstKept()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read");

        var result = await _cli.RunAsync("roles", "create", "support", "--scopes", "dns:read");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("A role named 'support' already exists", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["account:read"], Strings(Assert.Single(await _cli.RolesAsync()), "scopes"));
    }

    [Fact]
    public async Task Create_UnknownScope_RefusedAndNothingWritten()
    {
        var result = await _cli.RunAsync("roles", "create", "support", "--scopes", "account:read,account:write");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("Unknown scope(s): account:write", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(await _cli.RolesAsync());
    }

    [Theory]
    [InlineData("bad name")]
    [InlineData("ops!")]
    [InlineData("")]
    [InlineData("a23456789012345678901234567890123456789012345678901")]
    public async Task Create_BadName_RefusedAndNothingWritten(string name)
    {
        var result = await _cli.RunAsync("roles", "create", name, "--scopes", "account:read");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("Role name must be 1-50 characters", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(await _cli.RolesAsync());
    }

    [Fact]
    public async Task List_TokensHoldingRoles_ShowsCounts()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read");
        await _cli.JsonAsync("roles", "create", "dns", "--scopes", "dns:read", "--description", "DNS tools");
        await _cli.JsonAsync("roles", "create", "unused", "--scopes", "hosting:read");
        await _cli.CreateTokenAsync(1, "a", "--roles", "support,dns");
        await _cli.CreateTokenAsync(2, "b", "--roles", "support");

        var human = await _cli.RunAsync("roles", "list");
        var roles = await _cli.RolesAsync();

        Assert.Equal(0, human.Exit);
        Assert.Equal(["dns", "support", "unused"], roles.Select(r => r.GetProperty("name").GetString()));
        Assert.Equal([1, 2, 0], roles.Select(r => r.GetProperty("tokenCount").GetInt32()));
        var lines = human.Stdout.ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("NAME     SCOPES        TOKENS  DESCRIPTION", lines[0]);
        Assert.Equal("dns      dns:read      1       DNS tools", lines[1]);
        Assert.Equal("support  account:read  2", lines[2]);
    }

    [Fact]
    public async Task Edit_Scopes_ReplacesScopesForHoldingTokens()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read", "--description", "kept");
        await _cli.CreateTokenAsync(1, "a", "--roles", "support");

        var result = await _cli.RunAsync("roles", "edit", "support", "--scopes", "dns:read,domains:read");

        Assert.Equal(0, result.Exit);
        Assert.Contains("Role 'support' now grants dns:read,domains:read to 1 token(s).", result.Stdout, StringComparison.Ordinal);
        var role = await _cli.RoleAsync("support");
        Assert.Equal(["dns:read", "domains:read"], Strings(role, "scopes"));
        Assert.Equal("kept", role.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Edit_EmptyScopes_ClearsScopes()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read");

        var result = await _cli.RunAsync("roles", "edit", "support", "--scopes", "");

        Assert.Equal(0, result.Exit);
        Assert.Empty(Strings(await _cli.RoleAsync("support"), "scopes"));
    }

    [Fact]
    public async Task Edit_Rename_TokensShowNewName()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read");
        var id = await _cli.CreateTokenAsync(1, "a", "--roles", "support");

        var result = await _cli.RunAsync("roles", "edit", "support", "--rename", "helpdesk", "--json");

        Assert.Equal(0, result.Exit);
        Assert.Equal("helpdesk", result.Json.GetProperty("name").GetString());
        Assert.Equal(1, result.Json.GetProperty("tokenCount").GetInt32());
        Assert.Equal(["account:read"], Strings(result.Json, "scopes"));
        Assert.Equal(["helpdesk"], Strings(await _cli.ShowAsync(id), "roles"));
        Assert.Equal("helpdesk", Assert.Single(await _cli.RolesAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Edit_RenameToExistingRole_RefusedAndNothingChanged()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read");
        await _cli.JsonAsync("roles", "create", "dns", "--scopes", "dns:read");

        var result = await _cli.RunAsync("roles", "edit", "support", "--rename", "dns");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("A role named 'dns' already exists", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["dns", "support"], (await _cli.RolesAsync()).Select(r => r.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Edit_Description_ChangesOnlyDescription()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read", "--description", "old");

        var result = await _cli.RunAsync("roles", "edit", "support", "--description", "Help desk tools");

        Assert.Equal(0, result.Exit);
        var role = await _cli.RoleAsync("support");
        Assert.Equal("Help desk tools", role.GetProperty("description").GetString());
        Assert.Equal(["account:read"], Strings(role, "scopes"));
    }

    [Fact]
    public async Task Edit_UnknownScope_RefusedAndNothingChanged()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read");

        var result = await _cli.RunAsync("roles", "edit", "support", "--scopes", "root");

        Assert.NotEqual(0, result.Exit);
        Assert.Contains("Unknown scope(s): root", result.Stderr, StringComparison.Ordinal);
        Assert.Equal(["account:read"], Strings(await _cli.RoleAsync("support"), "scopes"));
    }

    [Fact]
    public async Task Delete_RoleHeldByTokens_ReportsCountAndUnassigns()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read");
        await _cli.JsonAsync("roles", "create", "dns", "--scopes", "dns:read");
        var a = await _cli.CreateTokenAsync(1, "a", "--roles", "support,dns");
        var b = await _cli.CreateTokenAsync(2, "b", "--roles", "support", "--scopes", "hosting:read");

        var result = await _cli.RunAsync("roles", "delete", "support");

        Assert.Equal(0, result.Exit);
        Assert.Contains("Deleted role 'support'; 2 token(s) lost it.", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(["dns"], Strings(await _cli.ShowAsync(a), "roles"));
        var tokenB = await _cli.ShowAsync(b);
        Assert.Empty(Strings(tokenB, "roles"));
        Assert.Equal(["hosting:read"], Strings(tokenB, "scopes"));
        Assert.DoesNotContain("support", (await _cli.RunAsync("tokens", "show", Text(a))).Stdout, StringComparison.Ordinal);
        Assert.Equal("dns", Assert.Single(await _cli.RolesAsync()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_Json_ReportsTokenCount()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "account:read");
        await _cli.CreateTokenAsync(1, "a", "--roles", "support");

        var result = await _cli.RunAsync("roles", "delete", "support", "--json");

        Assert.Equal(0, result.Exit);
        Assert.Equal(1, result.Json.GetProperty("tokenCount").GetInt32());
        Assert.Empty(await _cli.RolesAsync());
    }

    [Theory]
    [InlineData("edit", "--scopes", "dns:read")]
    [InlineData("delete")]
    public async Task Command_UnknownRole_Exit1WithMessage(string command, params string[] options)
    {
        var result = await _cli.RunAsync(["roles", command, "ghosts", .. options]);

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Stdout);
        Assert.Contains("no role named 'ghosts'", result.Stderr, StringComparison.Ordinal);
    }

    public void Dispose() => _cli.Dispose();
}
