using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Auth;

/// <summary>Roles (WHMCS semantics): a scope granted by any role passes; deleting a role takes it away everywhere.</summary>
public sealed class RoleGrantTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private RoleService Roles => (RoleService)gateway.Services.GetService(typeof(RoleService))!;

    [Fact]
    public async Task Get_ScopeGrantedOnlyThroughRole_IsForwarded()
    {
        await Roles.CreateAsync(new RoleSpec { Name = "billing-read", Scopes = [ScopeCatalog.AccountRead] }, "test");
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Roles = ["billing-read"] });

        using var allowed = await gateway.GetAsync("/api/v1/invoices", token.Plaintext);
        using var other = await gateway.GetAsync("/api/v1/services", token.Plaintext);

        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal("hosting:read", (await other.JsonAsync()).GetProperty("required_scope").GetString());
    }

    [Fact]
    public async Task Get_RoleDeleted_NextRequestIs403AndTokenLostIt()
    {
        await Roles.CreateAsync(new RoleSpec { Name = "dns-team", Scopes = [ScopeCatalog.DomainsRead, ScopeCatalog.DnsRead] }, "test");
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Roles = ["dns-team"] });
        using (var before = await gateway.GetAsync("/api/v1/domains", token.Plaintext))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var deleted = await Roles.DeleteAsync("dns-team", "test");
        gateway.Backend.ResetLogEntries();
        using var after = await gateway.GetAsync("/api/v1/domains", token.Plaintext);

        Assert.Equal(1, deleted!.TokenCount);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Empty(gateway.Backend.LogEntries);
        Assert.Empty((await gateway.Tokens.GetAsync(token.Token.Id))!.Roles);
    }

    [Fact]
    public async Task Get_RoleEditedToAddScope_AppliesOnNextRequest()
    {
        await Roles.CreateAsync(new RoleSpec { Name = "growing", Scopes = [ScopeCatalog.AccountRead] }, "test");
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Roles = ["growing"] });
        using (var before = await gateway.GetAsync("/api/v1/services", token.Plaintext))
        {
            Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        }

        await Roles.EditAsync("growing", new RoleSpec { Name = "growing", Scopes = [ScopeCatalog.AccountRead, ScopeCatalog.HostingRead] }, "test");
        using var after = await gateway.GetAsync("/api/v1/services", token.Plaintext);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Get_TokenWithOwnScopesAndRole_EitherGrants()
    {
        await Roles.CreateAsync(new RoleSpec { Name = "hosting", Scopes = [ScopeCatalog.HostingRead] }, "test");
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], Roles = ["hosting"] });

        using var own = await gateway.GetAsync("/api/v1/me", token.Plaintext);
        using var viaRole = await gateway.GetAsync("/api/v1/services", token.Plaintext);
        using var neither = await gateway.GetAsync("/api/v1/domains", token.Plaintext);

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viaRole.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, neither.StatusCode);
    }

    [Fact]
    public async Task Get_TokenWithNothingGranted_PassesNothing()
    {
        await Roles.CreateAsync(new RoleSpec { Name = "empty-role", Scopes = [] }, "test");
        var token = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Roles = ["empty-role"] });
        gateway.Backend.ResetLogEntries();

        foreach (var path in new[] { "/api/v1/me", "/api/v1/services", "/api/v1/domains", "/api/v1/domains/201/dns" })
        {
            using var response = await gateway.GetAsync(path, token.Plaintext);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task Create_UnknownRole_IsRefused()
    {
        var error = await Assert.ThrowsAsync<TokenValidationException>(() =>
            gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Roles = ["no-such-role"] }));

        Assert.Contains("no-such-role", Assert.Single(error.Errors["roles"]), StringComparison.Ordinal);
    }
}
