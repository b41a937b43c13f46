using System.Net;
using System.Net.Http.Json;
using Gateway.Audit;
using Gateway.Clients;
using Gateway.Staff;
using Gateway.Tests.Audit;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Clients;

/// <summary>Client state from the billing system (admin API): suspended tokens answer 401, closed ones are revoked; policy changes.</summary>
public sealed class ClientLifecycleTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private string Folder => Path.Combine(gateway.DataPath, "logs");

    private ClientService Clients => gateway.Services.GetRequiredService<ClientService>();

    // Clients 1 and 2 exist at the billing stub, so their allowed requests get 200 there.
    [Fact]
    public async Task Suspend_ThroughAdminApi_EveryTokenOfClient401UntilResumedAndAudited()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        var other = await gateway.CreateTokenAsync(2, ScopeCatalog.AccountRead);
        using (var before = await gateway.GetAsync("/api/v1/me", token.Plaintext))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var suspend = await admin.PostAsJsonAsync("/admin/api/v1/clients/1/suspend", new { reason = "unpaid invoice" });
        var received = gateway.Backend.LogEntries.Count;
        using var refused = await gateway.GetAsync("/api/v1/me", token.Plaintext);
        Assert.Equal(received, gateway.Backend.LogEntries.Count);
        using var unaffected = await gateway.GetAsync("/api/v1/me", other.Plaintext);

        Assert.Equal(HttpStatusCode.OK, suspend.StatusCode);
        Assert.Equal("suspended", (await suspend.JsonAsync()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("Unauthenticated.", await refused.MessageAsync());
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        var denied = await AuditFile.EventAsync(Folder, refused.Headers.GetValues("X-Request-Id").Single());
        Assert.Equal("client_suspended", denied.GetProperty("Reason").GetString());
        Assert.Equal(token.Token.Id, denied.GetProperty("TokenId").GetInt64());
        var action = await AuditFile.ActionAsync(Folder, "client.suspended", "client:1");
        Assert.Contains("unpaid invoice", action.GetProperty("After").ToString(), StringComparison.Ordinal);

        using var resume = await admin.PostAsJsonAsync("/admin/api/v1/clients/1/resume", new { });
        using var again = await gateway.GetAsync("/api/v1/me", token.Plaintext);
        Assert.Equal(HttpStatusCode.OK, resume.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Suspend_NewTokenOrRoll_RefusedOnEveryPath()
    {
        var token = await gateway.CreateTokenAsync(103, ScopeCatalog.AccountRead);
        await Clients.SuspendAsync(103, "test", null);

        var create = await Assert.ThrowsAsync<TokenValidationException>(() => gateway.CreateTokenAsync(103, ScopeCatalog.AccountRead));
        var roll = await Assert.ThrowsAsync<TokenValidationException>(() => gateway.Tokens.RollAsync(token.Token.Id, TimeSpan.Zero, "test"));

        Assert.Contains("suspended", create.Errors["clientId"][0], StringComparison.Ordinal);
        Assert.Contains("clientId", roll.Errors.Keys);
        Assert.Single(await gateway.Tokens.ListAsync(103));
    }

    [Fact]
    public async Task Close_ThroughAdminApi_RevokesEveryTokenWithClientClosedAndRefusesNewOnes()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        var a = await gateway.CreateTokenAsync(104, ScopeCatalog.AccountRead);
        var b = await gateway.CreateTokenAsync(104, ScopeCatalog.HostingRead);

        using var close = await admin.PostAsJsonAsync("/admin/api/v1/clients/104/close", new { reason = "ClientClose hook" });
        using var refused = await gateway.GetAsync("/api/v1/me", a.Plaintext);
        using var create = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 104, name = "again", scopes = new[] { "account:read" } });

        Assert.Equal(HttpStatusCode.OK, close.StatusCode);
        Assert.Equal("closed", (await close.JsonAsync()).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        foreach (var token in await gateway.Tokens.ListAsync(104))
        {
            Assert.Equal(TokenStatus.Revoked, token.Status);
            Assert.Equal(ClientService.ClosedReason, token.RevokeReason);
        }

        Assert.Equal(2, (await gateway.Tokens.ListAsync(104)).Count);
        await AuditFile.ActionAsync(Folder, "client.closed", "client:104");
        await AuditFile.ActionAsync(Folder, "token.revoked_all", "client:104");
        _ = b;
    }

    [Fact]
    public async Task Close_Twice_SecondChangesNothing()
    {
        await gateway.CreateTokenAsync(105, ScopeCatalog.AccountRead);
        var first = await Clients.CloseAsync(105, "test", null);
        var second = await Clients.CloseAsync(105, "test", null);

        Assert.Equal(ClientState.Closed, second.State);
        Assert.Equal(first.StateChangedAt, second.StateChangedAt);
    }

    [Fact]
    public async Task Policy_AdminApi_SetsAndShowsAndValidates()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        var auditor = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Auditor));

        using var defaults = await auditor.GetAsync(new Uri("/admin/api/v1/clients/106", UriKind.Relative));
        using var set = await admin.PatchAsJsonAsync("/admin/api/v1/clients/106/policy", new { portalAllowed = false, portalScopes = new[] { "account:read" }, maxLiveTokens = 3, maxLifetimeDays = 90 });
        using var bad = await admin.PatchAsJsonAsync("/admin/api/v1/clients/106/policy", new { portalScopes = new[] { "account:write" }, maxLiveTokens = -1 });
        using var forbidden = await auditor.PatchAsJsonAsync("/admin/api/v1/clients/106/policy", new { maxLiveTokens = 5 });
        using var badId = await admin.PostAsJsonAsync("/admin/api/v1/clients/0/suspend", new { });

        var d = await defaults.JsonAsync();
        Assert.Equal("active", d.GetProperty("state").GetString());
        Assert.True(d.GetProperty("policy").GetProperty("portalAllowed").GetBoolean());
        Assert.Equal(20, d.GetProperty("policy").GetProperty("maxLiveTokens").GetInt32());
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var p = (await set.JsonAsync()).GetProperty("policy");
        Assert.False(p.GetProperty("portalAllowed").GetBoolean());
        Assert.Equal(90, p.GetProperty("maxLifetimeDays").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("portalScopes", out _));
        Assert.True(errors.TryGetProperty("maxLiveTokens", out _));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        // Ids are canonical positive numbers everywhere in the gateway (CanonicalId): 0 names no client.
        Assert.Equal(HttpStatusCode.NotFound, badId.StatusCode);
        Assert.Equal(3, (await Clients.GetAsync(106)).Policy.MaxLiveTokens);
        await AuditFile.ActionAsync(Folder, "client.policy_changed", "client:106");
    }

    [Fact]
    public async Task Policy_ClientMaxLifetime_CapsTheDefaultAndRefusesNeverOnEveryPath()
    {
        await Clients.SetPolicyAsync(107, new ClientPolicyEdit { MaxLifetimeDays = new Change<int?>(30) }, "test");
        var today = DateOnly.FromDateTime(DateTime.Now);

        var defaulted = await gateway.CreateTokenAsync(107, ScopeCatalog.AccountRead);
        var never = await Assert.ThrowsAsync<TokenValidationException>(() => gateway.CreateTokenAsync(new TokenSpec { ClientId = 107, NeverExpires = true }));
        var tooLate = await Assert.ThrowsAsync<TokenValidationException>(() => gateway.CreateTokenAsync(new TokenSpec { ClientId = 107, ExpiresOn = today.AddDays(31) }));
        var edit = await Assert.ThrowsAsync<TokenValidationException>(() =>
            gateway.Tokens.EditAsync(defaulted.Token.Id, new TokenEdit { ExpiresOn = new Change<DateOnly?>(null) }, "test"));

        Assert.Equal(today.AddDays(30), defaulted.Token.ExpiresOn);
        Assert.Contains("expiresOn", never.Errors.Keys);
        Assert.Contains("maximum lifetime", tooLate.Errors["expiresOn"][0], StringComparison.Ordinal);
        Assert.Contains("expiresOn", edit.Errors.Keys);
    }
}
