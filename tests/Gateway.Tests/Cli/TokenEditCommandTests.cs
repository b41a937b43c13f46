using System.Text.Json;
using static Gateway.Tests.Cli.CliRunner;

namespace Gateway.Tests.Cli;

/// <summary><c>gateway tokens edit &lt;id&gt;</c>: each option changes only its own field; a refused edit changes nothing.</summary>
public sealed class TokenEditCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    [Fact]
    public async Task Edit_Name_RenamesAndKeepsEverythingElse()
    {
        var id = await CreateFullTokenAsync();
        var before = await _cli.ShowAsync(id);

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--name", "renamed");

        Assert.Equal(0, result.Exit);
        Assert.Contains("name:         renamed", result.Stdout, StringComparison.Ordinal);
        var after = await _cli.ShowAsync(id);
        Assert.Equal("renamed", after.GetProperty("name").GetString());
        foreach (var field in new[] { "clientId", "hint", "scopes", "roles", "allowedIps", "expiresOn", "rateLimitPerMinute", "createdAt" })
        {
            Assert.Equal(before.GetProperty(field).GetRawText(), after.GetProperty(field).GetRawText());
        }
    }

    [Fact]
    public async Task Edit_NameOfAnotherLiveToken_RefusedAndNothingChanged()
    {
        await _cli.CreateTokenAsync(1, "taken");
        var id = await _cli.CreateTokenAsync(1, "mine");

        await AssertRefusedUnchangedAsync(id, "already has a live token named 'taken'", "--name", "taken");
    }

    [Fact]
    public async Task Edit_Scopes_ReplacesList()
    {
        var id = await CreateFullTokenAsync();

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--scopes", "dns:read,domains:read", "--json");

        Assert.Equal(0, result.Exit);
        Assert.Equal(["dns:read", "domains:read"], Strings(result.Json, "scopes"));
        Assert.Equal(["dns:read", "domains:read"], Strings(await _cli.ShowAsync(id), "scopes"));
    }

    [Fact]
    public async Task Edit_EmptyScopes_ClearsListAndKeepsRoles()
    {
        var id = await CreateFullTokenAsync();

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--scopes", "");

        Assert.Equal(0, result.Exit);
        var token = await _cli.ShowAsync(id);
        Assert.Empty(Strings(token, "scopes"));
        Assert.Equal(["support"], Strings(token, "roles"));
    }

    [Fact]
    public async Task Edit_UnknownScope_RefusedAndNothingChanged()
    {
        var id = await CreateFullTokenAsync();

        await AssertRefusedUnchangedAsync(id, "Unknown scope(s): account:write", "--scopes", "account:write");
    }

    [Fact]
    public async Task Edit_Roles_ReplacesRolesAndCounts()
    {
        var id = await CreateFullTokenAsync();
        await _cli.JsonAsync("roles", "create", "billing", "--scopes", "account:read");

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--roles", "billing");

        Assert.Equal(0, result.Exit);
        Assert.Equal(["billing"], Strings(await _cli.ShowAsync(id), "roles"));
        Assert.Equal(1, (await _cli.RoleAsync("billing")).GetProperty("tokenCount").GetInt32());
        Assert.Equal(0, (await _cli.RoleAsync("support")).GetProperty("tokenCount").GetInt32());
    }

    [Fact]
    public async Task Edit_EmptyRoles_ClearsRoles()
    {
        var id = await CreateFullTokenAsync();

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--roles", "");

        Assert.Equal(0, result.Exit);
        Assert.Empty(Strings(await _cli.ShowAsync(id), "roles"));
        Assert.Equal(0, (await _cli.RoleAsync("support")).GetProperty("tokenCount").GetInt32());
    }

    [Fact]
    public async Task Edit_UnknownRole_RefusedAndNothingChanged()
    {
        var id = await CreateFullTokenAsync();

        await AssertRefusedUnchangedAsync(id, "Unknown role(s): ghosts", "--roles", "support,ghosts");
    }

    [Fact]
    public async Task Edit_Ips_ReplacesList()
    {
        var id = await CreateFullTokenAsync();

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--ips", "192.0.2.7, 12AB:0:0:CD30::/60");

        Assert.Equal(0, result.Exit);
        Assert.Equal(["192.0.2.7", "12AB:0:0:CD30::/60"], Strings(await _cli.ShowAsync(id), "allowedIps"));
    }

    [Fact]
    public async Task Edit_EmptyIps_AllowsAny()
    {
        var id = await CreateFullTokenAsync();

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--ips", "");

        Assert.Equal(0, result.Exit);
        Assert.Contains("allowed ips:  any", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(Strings(await _cli.ShowAsync(id), "allowedIps"));
    }

    [Theory]
    [InlineData("10.0.0.1/8")]
    [InlineData("nonsense")]
    [InlineData("10.5.3")]
    [InlineData("10.0.0.0/33")]
    public async Task Edit_InvalidIp_RefusedNamingEntryAndNothingChanged(string entry)
    {
        var id = await CreateFullTokenAsync();

        await AssertRefusedUnchangedAsync(id, $"'{entry}' is not an IPv4/IPv6 address or CIDR range", "--ips", $"192.0.2.7,{entry}");
    }

    [Fact]
    public async Task Edit_ExpiresDate_SetsExpiry()
    {
        var id = await CreateFullTokenAsync();
        var date = Text(Today.AddDays(100));

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--expires", date);

        Assert.Equal(0, result.Exit);
        Assert.Contains($"expires:      {date}", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(date, (await _cli.ShowAsync(id)).GetProperty("expiresOn").GetString());
    }

    [Fact]
    public async Task Edit_ExpiresToday_Allowed()
    {
        var id = await CreateFullTokenAsync();

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--expires", Text(Today));

        Assert.Equal(0, result.Exit);
        Assert.Equal("expiring_soon", (await _cli.ShowAsync(id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Edit_ExpiresNever_ClearsExpiry()
    {
        var id = await CreateFullTokenAsync();

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--expires", "never");

        Assert.Equal(0, result.Exit);
        Assert.Contains("expires:      never", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await _cli.ShowAsync(id)).GetProperty("expiresOn").ValueKind);
    }

    [Theory]
    [InlineData("garbage", "--expires: 'garbage' is not a date")]
    [InlineData("2099-02-30", "--expires: '2099-02-30' is not a date")]
    [InlineData("31/12/2099", "--expires: '31/12/2099' is not a date")]
    public async Task Edit_ExpiresGarbage_RefusedAndNothingChanged(string value, string expected)
    {
        var id = await CreateFullTokenAsync();

        await AssertRefusedUnchangedAsync(id, expected, "--expires", value);
    }

    [Fact]
    public async Task Edit_ExpiresPastDate_RefusedAndNothingChanged()
    {
        var id = await CreateFullTokenAsync();
        var yesterday = Text(Today.AddDays(-1));

        await AssertRefusedUnchangedAsync(id, $"Expiry date {yesterday} is in the past", "--expires", yesterday);
    }

    [Fact]
    public async Task Edit_RateLimit_SetsOverride()
    {
        var id = await CreateFullTokenAsync();

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--rate-limit", "600");

        Assert.Equal(0, result.Exit);
        Assert.Contains("rate limit:   600/min", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(600, (await _cli.ShowAsync(id)).GetProperty("rateLimitPerMinute").GetInt32());
    }

    [Fact]
    public async Task Edit_RateLimitDefault_ClearsOverride()
    {
        var id = await CreateFullTokenAsync();

        var result = await _cli.RunAsync("tokens", "edit", Text(id), "--rate-limit", "default");

        Assert.Equal(0, result.Exit);
        Assert.Contains("rate limit:   default", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await _cli.ShowAsync(id)).GetProperty("rateLimitPerMinute").ValueKind);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("lots")]
    public async Task Edit_RateLimitNotPositive_RefusedAndNothingChanged(string value)
    {
        var id = await CreateFullTokenAsync();

        await AssertRefusedUnchangedAsync(id, $"--rate-limit: '{value}' is not a positive number or 'default'", "--rate-limit", value);
    }

    [Fact]
    public async Task Edit_UnknownId_Exit1WithMessage()
    {
        var result = await _cli.RunAsync("tokens", "edit", "424242", "--name", "x");

        Assert.Equal(1, result.Exit);
        Assert.Equal("", result.Stdout);
        Assert.Contains("no token with id 424242", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>A token with every field set, holding role <c>support</c>.</summary>
    private async Task<long> CreateFullTokenAsync()
    {
        await _cli.JsonAsync("roles", "create", "support", "--scopes", "dns:read");
        return await _cli.CreateTokenAsync(
            1, "deploy", "--scopes", "account:read,hosting:read", "--roles", "support", "--ips", "10.5.3.0/24", "--expires", Text(Today.AddDays(200)), "--rate-limit", "30");
    }

    private async Task AssertRefusedUnchangedAsync(long id, string expected, params string[] options)
    {
        var before = await _cli.ShowAsync(id);

        var result = await _cli.RunAsync(["tokens", "edit", Text(id), .. options]);

        Assert.NotEqual(0, result.Exit);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        // A parse error prints the command's help; what must not appear is the edited token.
        Assert.DoesNotContain("status:", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(before.GetRawText(), (await _cli.ShowAsync(id)).GetRawText());
    }

    public void Dispose() => _cli.Dispose();
}
