using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Audit;

/// <summary>Staff actions reach the audit log with the actor, their address, the target and before/after — never a secret.</summary>
public sealed class StaffAuditTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private string Folder => Path.Combine(gateway.DataPath, "logs");

    [Fact]
    public async Task AdminApiChanges_AreAuditedWithActorTargetAndBeforeAfter()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        admin.DefaultRequestHeaders.Add(TestPeer.Header, "192.0.2.99");

        using var created = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 81, name = "audited", scopes = new[] { "account:read" } });
        var body = await created.JsonAsync();
        var id = body.GetProperty("token").GetProperty("id").GetInt64();
        var plaintext = body.GetProperty("plaintext").GetString()!;
        using var edited = await admin.PatchAsJsonAsync($"/admin/api/v1/tokens/{id}", new { scopes = new[] { "dns:read" } });
        using var revoked = await admin.PostAsJsonAsync($"/admin/api/v1/tokens/{id}/revoke", new { reason = "audit test" });
        using var role = await admin.PostAsJsonAsync("/admin/api/v1/roles", new { name = "audited-role", scopes = new[] { "dns:read" } });
        using var roleDeleted = await admin.DeleteAsync(new Uri("/admin/api/v1/roles/audited-role", UriKind.Relative));

        var createdEvent = await EventAsync("token.created", $"token:{id}");
        var editedEvent = await EventAsync("token.edited", $"token:{id}");
        var revokedEvent = await EventAsync("token.revoked", $"token:{id}");
        await EventAsync("role.created", "role:audited-role");
        await EventAsync("role.deleted", "role:audited-role");

        Assert.StartsWith("key:", createdEvent.GetProperty("Actor").GetString(), StringComparison.Ordinal);
        Assert.Equal("192.0.2.99", createdEvent.GetProperty("ActorIp").GetString());
        Assert.Equal(81, createdEvent.GetProperty("After").GetProperty("ClientId").GetInt64());
        Assert.Equal("account:read", editedEvent.GetProperty("Before").GetProperty("Scopes")[0].GetString());
        Assert.Equal("dns:read", editedEvent.GetProperty("After").GetProperty("Scopes")[0].GetString());
        Assert.Equal("Revoked", revokedEvent.GetProperty("After").GetProperty("Status").GetString());
        var all = string.Join('\n', await AuditFile.ReadLinesAsync(Folder));
        Assert.DoesNotContain(plaintext, all, StringComparison.Ordinal);
        Assert.DoesNotContain("opt_admin_", all.Replace("opt_admin_…", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExposedToken_IsAuditedAsExposedByTheGateway()
    {
        var token = await gateway.CreateTokenAsync(82, ScopeCatalog.AccountRead);
        var plain = gateway.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://localhost") });

        using var response = await plain.SendAsync(Http.Get("/api/v1/me", token.Plaintext));
        var e = await EventAsync("token.exposed", $"token:{token.Token.Id}");

        Assert.Equal("gateway", e.GetProperty("Actor").GetString());
    }

    private Task<JsonElement> EventAsync(string action, string target) => AuditFile.ActionAsync(Folder, action, target);
}
