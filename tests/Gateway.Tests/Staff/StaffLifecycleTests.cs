using System.Net;
using System.Net.Http.Json;
using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Staff;

/// <summary>
/// The staff lifecycle through the admin API (problem details), what each change does to open sessions and admin API
/// keys, and the rule that an enabled admin always remains, also under concurrency.
/// </summary>
public sealed class StaffLifecycleTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Password = "lifecycle password 5678";

    private StaffService Staff => gateway.Services.GetRequiredService<StaffService>();

    [Fact]
    public async Task Api_CreateListRoleDisableEnableDelete_Works()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        var username = $"api{Guid.NewGuid():N}"[..20];

        using var created = await admin.PostAsJsonAsync("/admin/api/v1/staff", new { username, password = Password, role = "auditor" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetInt64();
        Assert.Equal($"/admin/api/v1/staff/{id}", created.Headers.Location?.ToString());
        var listed = await admin.GetStringAsync(new Uri("/admin/api/v1/staff", UriKind.Relative));
        Assert.Contains(username, listed, StringComparison.Ordinal);
        Assert.DoesNotContain("passwordHash", listed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("stamp", listed, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secret", listed, StringComparison.OrdinalIgnoreCase);

        using var role = await admin.PutAsJsonAsync($"/admin/api/v1/staff/{id}/role", new { role = "admin" });
        Assert.Equal("admin", (await role.JsonAsync()).GetProperty("role").GetString());
        using var disabled = await admin.PostAsync(new Uri($"/admin/api/v1/staff/{id}/disable", UriKind.Relative), null);
        Assert.Equal("disabled", (await disabled.JsonAsync()).GetProperty("status").GetString());
        using var enabled = await admin.PostAsync(new Uri($"/admin/api/v1/staff/{id}/enable", UriKind.Relative), null);
        Assert.Equal("active", (await enabled.JsonAsync()).GetProperty("status").GetString());
        using var reset = await admin.PostAsJsonAsync($"/admin/api/v1/staff/{id}/reset-password", new { password = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, reset.StatusCode);
        Assert.Equal("application/problem+json", reset.Content.Headers.ContentType?.MediaType);
        Assert.True((await reset.JsonAsync()).GetProperty("errors").TryGetProperty("password", out _));
        using var deleted = await admin.DeleteAsync(new Uri($"/admin/api/v1/staff/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var gone = await admin.GetAsync(new Uri($"/admin/api/v1/staff/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Api_Auditor_ReadsStaffButChangesNothing()
    {
        var auditor = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Auditor));

        using var list = await auditor.GetAsync(new Uri("/admin/api/v1/staff", UriKind.Relative));
        using var create = await auditor.PostAsJsonAsync("/admin/api/v1/staff", new { username = "by-auditor", password = Password, role = "admin" });

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Null(await Staff.FindAsync("by-auditor"));
    }

    [Theory]
    [InlineData("disable")]
    [InlineData("role")]
    [InlineData("delete")]
    public async Task Change_EndsTheAccountsOpenSessionAtOnce(string change)
    {
        var username = $"c{Guid.NewGuid():N}"[..20];
        var account = await Staff.CreateAsync(username, Password, StaffRoles.Auditor, "test");
        using var browser = StaffBrowser.On(gateway, "192.0.2.77");
        using (await browser.SignInAsync(username, Password))
        {
        }

        var copied = browser.StaffCookie!;
        Assert.Equal(HttpStatusCode.OK, await browser.ReplayAsync(copied));

        _ = change switch
        {
            "disable" => await Staff.DisableAsync(account.Id, "test"),
            "role" => await Staff.ChangeRoleAsync(account.Id, StaffRoles.Admin, "test"),
            _ => await Staff.DeleteAsync(account.Id, "test"),
        };

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.ReplayAsync(copied));
    }

    [Fact]
    public async Task AdminKey_DiesWithItsOwner_DisabledThenDeleted()
    {
        var owner = await Staff.CreateAsync($"k{Guid.NewGuid():N}"[..20], Password, StaffRoles.Admin, "test");
        var keys = gateway.Services.GetRequiredService<AdminKeyService>();
        var (key, plaintext) = await keys.CreateAsync("owned-key", StaffRoles.Admin, owner.Id, "test");
        var client = gateway.CreateAdminClient(plaintext);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative))).StatusCode);

        await Staff.DisableAsync(owner.Id, "test");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative))).StatusCode);
        await Staff.EnableAsync(owner.Id, "test");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative))).StatusCode);

        await Staff.DeleteAsync(owner.Id, "test");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative))).StatusCode);
        var record = Assert.Single(await keys.ListAsync(), k => k.Id == key.Id);
        Assert.NotNull(record.RevokedAt);
        Assert.Null(record.Owner);
    }

    [Fact]
    public async Task AdminKey_OwnerDemoted_KeyCanOnlyRead()
    {
        var owner = await Staff.CreateAsync($"d{Guid.NewGuid():N}"[..20], Password, StaffRoles.Admin, "test");
        var (_, plaintext) = await gateway.Services.GetRequiredService<AdminKeyService>().CreateAsync("demoted-key", StaffRoles.Admin, owner.Id, "test");
        var client = gateway.CreateAdminClient(plaintext);

        await Staff.ChangeRoleAsync(owner.Id, StaffRoles.Auditor, "test");
        using var read = await client.GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative));
        using var write = await client.PostAsJsonAsync("/admin/api/v1/roles", new { name = "by-demoted-key", scopes = new[] { "dns:read" } });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Fact]
    public async Task AdminKey_WithoutAnEnabledOwner_CannotBeCreated()
    {
        var owner = await Staff.CreateAsync($"n{Guid.NewGuid():N}"[..20], Password, StaffRoles.Auditor, "test");

        var error = await Assert.ThrowsAsync<TokenValidationException>(() =>
            gateway.Services.GetRequiredService<AdminKeyService>().CreateAsync("too-strong", StaffRoles.Admin, owner.Id, "test"));
        var noOwner = await Assert.ThrowsAsync<TokenValidationException>(() =>
            gateway.Services.GetRequiredService<AdminKeyService>().CreateAsync("no-owner", StaffRoles.Auditor, 999_999, "test"));

        Assert.Contains("role", error.Errors.Keys);
        Assert.Contains("owner", noOwner.Errors.Keys);
    }
}
