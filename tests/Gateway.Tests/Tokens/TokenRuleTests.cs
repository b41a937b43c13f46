using System.Net;
using System.Net.Http.Json;
using Gateway.Staff;
using Gateway.Tests.Cli;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Tokens;

/// <summary>Issue 13.C: the same rules on every path — something granted, names as the seeds write them, one default expiry, a maximum lifetime.</summary>
public sealed class TokenRuleTests(TokenRuleTests.Fixture fixture) : IClassFixture<TokenRuleTests.Fixture>, IDisposable
{
    private readonly CliRunner _cli = new();

    private GatewayFixture Gateway => fixture.Gateway;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    /// <summary>A gateway with a global maximum lifetime of 400 days, and one at the defaults.</summary>
    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new();

        public GatewayFixture Capped { get; } = new() { Settings = { ["Gateway:Tokens:MaxLifetimeDays"] = "400" } };

        public async Task InitializeAsync()
        {
            await Gateway.InitializeAsync();
            await Capped.InitializeAsync();
        }

        public async Task DisposeAsync()
        {
            await Gateway.DisposeAsync();
            await Capped.DisposeAsync();
        }
    }

    public void Dispose() => _cli.Dispose();

    [Fact]
    public async Task Create_NothingGranted_RefusedOnDomainApiAndCli()
    {
        var admin = Gateway.CreateAdminClient(await Gateway.CreateAdminKeyAsync(StaffRoles.Admin));

        var domain = await Assert.ThrowsAsync<TokenValidationException>(() => Gateway.Tokens.CreateAsync(new TokenSpec { ClientId = 1, Name = "empty" }, "test"));
        using var api = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 1, name = "empty", scopes = Array.Empty<string>() });
        var cli = await _cli.RunAsync("tokens", "create", "--client", "1", "--name", "empty");

        Assert.Contains("at least one scope or role", domain.Errors["scopes"][0], StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.True((await api.JsonAsync()).GetProperty("errors").TryGetProperty("scopes", out _));
        Assert.Equal(1, cli.Exit);
        Assert.Contains("at least one scope or role", cli.Stderr, StringComparison.Ordinal);
        Assert.Empty(await Gateway.Tokens.ListAsync(1));
    }

    [Fact]
    public async Task Edit_RemovingEveryGrant_Refused()
    {
        var token = await Gateway.CreateTokenAsync(2, ScopeCatalog.AccountRead);

        var error = await Assert.ThrowsAsync<TokenValidationException>(() => Gateway.Tokens.EditAsync(token.Token.Id, new TokenEdit { Scopes = [] }, "test"));

        Assert.Contains("scopes", error.Errors.Keys);
        Assert.Equal([ScopeCatalog.AccountRead], (await Gateway.Tokens.GetAsync(token.Token.Id))!.Scopes);
    }

    [Theory]
    [InlineData("My Integration", "My Integration")]
    [InlineData("  WordPress Plugin  ", "WordPress Plugin")]
    [InlineData("deploy-script_v1.2", "deploy-script_v1.2")]
    public async Task Create_SeedStyleNames_AcceptedTrimmed(string name, string stored)
    {
        var created = await Gateway.Tokens.CreateAsync(new TokenSpec { ClientId = 3, Name = name, Scopes = [ScopeCatalog.AccountRead] }, "test");

        Assert.Equal(stored, created.Token.Name);
        var duplicate = await Assert.ThrowsAsync<TokenValidationException>(() =>
            Gateway.Tokens.CreateAsync(new TokenSpec { ClientId = 3, Name = $" {stored} ", Scopes = [ScopeCatalog.AccountRead] }, "test"));
        Assert.Contains("name", duplicate.Errors.Keys);
    }

    [Fact]
    public async Task Create_NoExpiryGiven_TodayPlusOneYearOnDomainApiAndCli()
    {
        var admin = Gateway.CreateAdminClient(await Gateway.CreateAdminKeyAsync(StaffRoles.Admin));

        var domain = await Gateway.Tokens.CreateAsync(new TokenSpec { ClientId = 4, Name = "d", Scopes = [ScopeCatalog.AccountRead] }, "test");
        using var api = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 4, name = "a", scopes = new[] { "account:read" } });
        using var apiNever = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 4, name = "n", scopes = new[] { "account:read" }, expiresOn = "never" });
        var cli = await _cli.JsonAsync("tokens", "create", "--client", "4", "--name", "c", "--scopes", "account:read");

        var expected = CliRunner.Text(Today.AddYears(1));
        Assert.Equal(Today.AddYears(1), domain.Token.ExpiresOn);
        Assert.Equal(expected, (await api.JsonAsync()).GetProperty("token").GetProperty("expiresOn").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, (await apiNever.JsonAsync()).GetProperty("token").GetProperty("expiresOn").ValueKind);
        Assert.Equal(expected, cli.GetProperty("expiresOn").GetString());
    }

    [Fact]
    public async Task MaxLifetime_GlobalSetting_CapsEveryPath()
    {
        var capped = fixture.Capped;
        var admin = capped.CreateAdminClient(await capped.CreateAdminKeyAsync(StaffRoles.Admin));
        var latest = Today.AddDays(400);

        var defaulted = await capped.Tokens.CreateAsync(new TokenSpec { ClientId = 5, Name = "d", Scopes = [ScopeCatalog.AccountRead] }, "test");
        using var never = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 5, name = "n", scopes = new[] { "account:read" }, expiresOn = "never" });
        using var late = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 5, name = "l", scopes = new[] { "account:read" }, expiresOn = CliRunner.Text(latest.AddDays(1)) });
        using var last = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 5, name = "ok", scopes = new[] { "account:read" }, expiresOn = CliRunner.Text(latest) });
        using var edit = await admin.PatchAsJsonAsync($"/admin/api/v1/tokens/{defaulted.Token.Id}", new { expiresOn = "never" });

        Assert.Equal(Today.AddYears(1), defaulted.Token.ExpiresOn);
        Assert.Equal(HttpStatusCode.BadRequest, never.StatusCode);
        Assert.Contains("maximum lifetime", (await never.JsonAsync()).GetProperty("errors").GetProperty("expiresOn")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(HttpStatusCode.Created, last.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.Equal(2, (await capped.Tokens.ListAsync(5)).Count);
    }

    [Fact]
    public async Task MaxLifetime_BadSetting_RefusedNamingTheSettingAndValues()
    {
        using var stderr = new StringWriter();
        var data = Path.Combine(Path.GetTempPath(), "gateway-cli-tests", Guid.NewGuid().ToString("N"));

        var exit = await global::Gateway.Cli.GatewayCli.RunAsync(
            ["tokens", "list", "--data", data], TextWriter.Null, stderr, configuration: new Dictionary<string, string?> { ["Gateway:Tokens:MaxLifetimeDays"] = "0" });

        Assert.Equal(1, exit);
        Assert.Contains("Gateway:Tokens:MaxLifetimeDays must be a number of days between 1 and 3660", stderr.ToString(), StringComparison.Ordinal);
    }
}
