using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Admin;

/// <summary>The admin API: every endpoint, admin keys, auditor read-only, validation problems, plaintext once.</summary>
public sealed class AdminApiTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Get_NoCredentials_Is401Problem()
    {
        using var response = await gateway.CreateAdminClient().GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Get_UnknownOrClientTokenAsAdminKey_Is401()
    {
        var clientToken = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);

        using var unknown = await gateway.CreateAdminClient(AdminKeyService.Format.Generate()).GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative));
        using var client = await gateway.CreateAdminClient(clientToken.Plaintext).GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, client.StatusCode);
    }

    [Fact]
    public async Task Tokens_FullLifecycleAsAdmin_Works()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));

        using var created = await admin.PostAsJsonAsync("/admin/api/v1/tokens", new
        {
            clientId = 21, name = "api-made", scopes = new[] { "account:read" }, allowedIps = new[] { "10.0.0.0/8" }, expiresOn = "2099-01-31",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var plaintext = body.GetProperty("plaintext").GetString()!;
        var id = body.GetProperty("token").GetProperty("id").GetInt64();
        Assert.True(new TokenFormat("opt_live_").IsWellFormed(plaintext));
        Assert.Equal($"/admin/api/v1/tokens/{id}", created.Headers.Location?.ToString());
        Assert.Equal("key:", body.GetProperty("token").GetProperty("createdBy").GetString()![..4]);

        var fetched = await admin.GetStringAsync(new Uri($"/admin/api/v1/tokens/{id}", UriKind.Relative));
        var listed = await admin.GetStringAsync(new Uri("/admin/api/v1/tokens?client=21", UriKind.Relative));
        Assert.DoesNotContain(plaintext, fetched, StringComparison.Ordinal);
        Assert.DoesNotContain(plaintext, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenFormat.HashForAudit(plaintext), listed, StringComparison.Ordinal);

        using var edited = await admin.PatchAsJsonAsync($"/admin/api/v1/tokens/{id}", new { scopes = new[] { "dns:read" }, expiresOn = "never", rateLimitPerMinute = 50 });
        var editedToken = await edited.JsonAsync();
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal(["dns:read"], editedToken.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(JsonValueKind.Null, editedToken.GetProperty("expiresOn").ValueKind);
        Assert.Equal(50, editedToken.GetProperty("rateLimitPerMinute").GetInt32());

        using var rolled = await admin.PostAsJsonAsync($"/admin/api/v1/tokens/{id}/roll", new { overlapSeconds = 3600 });
        Assert.Equal(HttpStatusCode.Created, rolled.StatusCode);
        var newId = (await rolled.JsonAsync()).GetProperty("token").GetProperty("id").GetInt64();

        using var revoked = await admin.PostAsJsonAsync($"/admin/api/v1/tokens/{newId}/revoke", new { reason = "test" });
        Assert.Equal("revoked", (await revoked.JsonAsync()).GetProperty("status").GetString());

        using var deleted = await admin.DeleteAsync(new Uri($"/admin/api/v1/tokens/{newId}", UriKind.Relative));
        using var gone = await admin.GetAsync(new Uri($"/admin/api/v1/tokens/{newId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task List_Filters_ByClientSearchAndStatusWithPaging()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        for (var i = 0; i < 7; i++)
        {
            await gateway.CreateTokenAsync(new TokenSpec { ClientId = 31, Name = $"deploy-{i}" });
        }

        var revoked = await gateway.CreateTokenAsync(new TokenSpec { ClientId = 31, Name = "old-bot" });
        await gateway.Tokens.RevokeAsync(revoked.Token.Id, "test", null);

        var page = await (await admin.GetAsync(new Uri("/admin/api/v1/tokens?client=31&search=DEPLOY&perPage=3&page=2", UriKind.Relative))).JsonAsync();
        var onlyRevoked = await (await admin.GetAsync(new Uri("/admin/api/v1/tokens?client=31&status=revoked", UriKind.Relative))).JsonAsync();

        Assert.Equal(3, page.GetProperty("data").GetArrayLength());
        Assert.Equal(7, page.GetProperty("meta").GetProperty("total").GetInt32());
        Assert.Equal(3, page.GetProperty("meta").GetProperty("lastPage").GetInt32());
        Assert.Equal("old-bot", Assert.Single(onlyRevoked.GetProperty("data").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task RevokeAll_ForClient_RevokesEveryLiveToken()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        await gateway.CreateTokenAsync(41, ScopeCatalog.AccountRead);
        await gateway.CreateTokenAsync(41, ScopeCatalog.AccountRead);
        var other = await gateway.CreateTokenAsync(42, ScopeCatalog.AccountRead);

        using var response = await admin.PostAsJsonAsync("/admin/api/v1/clients/41/tokens/revoke", new { reason = "account closed" });

        Assert.Equal(2, (await response.JsonAsync()).GetArrayLength());
        Assert.Equal(TokenStatus.Active, (await gateway.Tokens.GetAsync(other.Token.Id))!.Status);
    }

    [Theory]
    [InlineData("{\"clientId\":0,\"name\":\"x\"}", "clientId")]
    [InlineData("{\"clientId\":1,\"name\":\"bad/name\",\"scopes\":[\"account:read\"]}", "name")]
    [InlineData("{\"clientId\":1,\"name\":\"x\",\"scopes\":[\"account:write\"]}", "scopes")]
    [InlineData("{\"clientId\":1,\"name\":\"x\",\"allowedIps\":[\"10.0.0.1/8\"]}", "allowedIps")]
    [InlineData("{\"clientId\":1,\"name\":\"x\",\"roles\":[\"nope\"]}", "roles")]
    public async Task Create_Invalid_Is400ValidationProblemNamingTheField(string json, string field)
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));

        using var response = await admin.PostAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Create_MalformedJson_Is400NotServerError()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));

        using var response = await admin.PostAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative), new StringContent("{nope", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Auditor_ReadsButEveryChangeIs403()
    {
        var auditor = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Auditor));
        var token = await gateway.CreateTokenAsync(51, ScopeCatalog.AccountRead);

        using var list = await auditor.GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative));
        using var roles = await auditor.GetAsync(new Uri("/admin/api/v1/roles", UriKind.Relative));
        var changes = new[]
        {
            await auditor.PostAsJsonAsync("/admin/api/v1/tokens", new { clientId = 51, name = "x" }),
            await auditor.PatchAsJsonAsync($"/admin/api/v1/tokens/{token.Token.Id}", new { name = "y" }),
            await auditor.PostAsJsonAsync($"/admin/api/v1/tokens/{token.Token.Id}/roll", new { overlapSeconds = 0 }),
            await auditor.PostAsJsonAsync($"/admin/api/v1/tokens/{token.Token.Id}/revoke", new { reason = "x" }),
            await auditor.DeleteAsync(new Uri($"/admin/api/v1/tokens/{token.Token.Id}", UriKind.Relative)),
            await auditor.PostAsJsonAsync("/admin/api/v1/clients/51/tokens/revoke", new { }),
            await auditor.PostAsJsonAsync("/admin/api/v1/roles", new { name = "r", scopes = Array.Empty<string>() }),
            await auditor.GetAsync(new Uri("/admin/api/v1/admin-keys", UriKind.Relative)),
        };

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, roles.StatusCode);
        Assert.All(changes, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Equal(TokenStatus.Active, (await gateway.Tokens.GetAsync(token.Token.Id))!.Status);
    }

    [Fact]
    public async Task Roles_Crud_DeleteReportsTokensThatLostIt()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));

        using var created = await admin.PostAsJsonAsync("/admin/api/v1/roles", new { name = "api-role", scopes = new[] { "account:read" } });
        await gateway.CreateTokenAsync(new TokenSpec { ClientId = 61, Roles = ["api-role"] });
        using var edited = await admin.PutAsJsonAsync("/admin/api/v1/roles/api-role", new { name = "api-role", scopes = new[] { "account:read", "dns:read" } });
        using var deleted = await admin.DeleteAsync(new Uri("/admin/api/v1/roles/api-role", UriKind.Relative));
        using var duplicate = await admin.PostAsJsonAsync("/admin/api/v1/roles", new { name = "dup", scopes = Array.Empty<string>() });
        using var duplicateAgain = await admin.PostAsJsonAsync("/admin/api/v1/roles", new { name = "dup", scopes = Array.Empty<string>() });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(2, (await edited.JsonAsync()).GetProperty("scopes").GetArrayLength());
        Assert.Equal(1, (await deleted.JsonAsync()).GetProperty("tokenCount").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, duplicateAgain.StatusCode);
    }

    [Fact]
    public async Task AdminKeys_CreatedOnceThenRevokedKeyIs401()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));

        using var created = await admin.PostAsJsonAsync("/admin/api/v1/admin-keys", new { name = "ci-bot", role = "auditor" });
        var body = await created.JsonAsync();
        var key = body.GetProperty("plaintext").GetString()!;
        var id = body.GetProperty("key").GetProperty("id").GetInt64();
        using var works = await gateway.CreateAdminClient(key).GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative));
        using var revoke = await admin.PostAsync(new Uri($"/admin/api/v1/admin-keys/{id}/revoke", UriKind.Relative), null);
        using var after = await gateway.CreateAdminClient(key).GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative));
        var listed = await admin.GetStringAsync(new Uri("/admin/api/v1/admin-keys", UriKind.Relative));

        Assert.StartsWith("opt_admin_", key, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.DoesNotContain(key, listed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminKey_OnPublicApi_IsRejectedAsMalformed()
    {
        var key = await gateway.CreateAdminKeyAsync(StaffRoles.Admin);
        gateway.Backend.ResetLogEntries();

        using var response = await gateway.GetAsync("/api/v1/me", key);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Theory]
    [InlineData("/admin/api/v1/tokens")]
    [InlineData("/admin/api/v1/roles")]
    public async Task AdminApi_OnPublicListener_Is404(string path)
    {
        var key = await gateway.CreateAdminKeyAsync(StaffRoles.Admin);
        using var request = Http.Get(path, key);

        using var response = await gateway.CreateHttpsClient().SendAsync(request);
        using var post = await gateway.CreateHttpsClient().PostAsync(new Uri(path, UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Not found.", await response.MessageAsync());
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/me")]
    [InlineData("/healthz")]
    public async Task PublicRoutes_OnAdminListener_Are404(string path)
    {
        var token = await gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        gateway.Backend.ResetLogEntries();
        using var request = Http.Get(path, token.Plaintext);
        request.Headers.Add(TestPeer.ListenerHeader, Gateway.Hosting.Listener.AdminName);

        using var response = await gateway.CreateHttpsClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task AdminAnswers_CarrySecurityHeaders()
    {
        using var response = await gateway.CreateAdminClient().GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative));

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task Auditor_RoleAndKeyChangesAre403AndRoleReadWorks()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        await admin.PostAsJsonAsync("/admin/api/v1/roles", new { name = "audited", scopes = new[] { "dns:read" } });
        var auditor = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Auditor));

        using var read = await auditor.GetAsync(new Uri("/admin/api/v1/roles/audited", UriKind.Relative));
        var changes = new[]
        {
            await auditor.PutAsJsonAsync("/admin/api/v1/roles/audited", new { name = "audited", scopes = Array.Empty<string>() }),
            await auditor.DeleteAsync(new Uri("/admin/api/v1/roles/audited", UriKind.Relative)),
            await auditor.PostAsJsonAsync("/admin/api/v1/admin-keys", new { name = "sneaky", role = "admin" }),
            await auditor.PostAsync(new Uri("/admin/api/v1/admin-keys/1/revoke", UriKind.Relative), null),
        };

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(["dns:read"], (await read.JsonAsync()).GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.All(changes, r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
    }

    [Theory]
    [InlineData("{\"name\":null,\"scopes\":null}", "name")]
    [InlineData("{}", "name")]
    [InlineData("{\"name\":\"ok\",\"scopes\":[\"nope\"]}", "scopes")]
    public async Task Roles_NullOrMissingFields_Are400NotServerError(string json, string field)
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));

        using var response = await admin.PostAsync(new Uri("/admin/api/v1/roles", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("{\"clientId\":1,\"name\":\"x\",\"expiresOn\":\"2026-02-30\"}", "expiresOn")]
    [InlineData("{\"clientId\":\"one\",\"name\":\"x\"}", "clientId")]
    [InlineData("{\"clientId\":1,\"name\":\"x\",\"rateLimitPerMinute\":99999999999}", "rateLimitPerMinute")]
    public async Task Create_UnbindableValue_Is400NamingTheField(string json, string field)
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));

        using var response = await admin.PostAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _), await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revoke_OverlongReason_Is400AndTokenStaysLive()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        var token = await gateway.CreateTokenAsync(71, ScopeCatalog.AccountRead);

        using var response = await admin.PostAsJsonAsync($"/admin/api/v1/tokens/{token.Token.Id}/revoke", new { reason = new string('x', 501) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TokenStatus.Active, (await gateway.Tokens.GetAsync(token.Token.Id))!.Status);
    }

    [Fact]
    public async Task List_HugePageAndLikeWildcards_AreSafe()
    {
        var admin = gateway.CreateAdminClient(await gateway.CreateAdminKeyAsync(StaffRoles.Admin));
        await gateway.CreateTokenAsync(new TokenSpec { ClientId = 72, Name = "axb" });
        await gateway.CreateTokenAsync(new TokenSpec { ClientId = 72, Name = "a_b" });

        using var far = await admin.GetAsync(new Uri("/admin/api/v1/tokens?client=72&page=2147483647&perPage=100", UriKind.Relative));
        var literal = await (await admin.GetAsync(new Uri("/admin/api/v1/tokens?client=72&search=a_b", UriKind.Relative))).JsonAsync();
        using var badStatus = await admin.GetAsync(new Uri("/admin/api/v1/tokens?status=sleeping", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, far.StatusCode);
        Assert.Equal(0, (await far.JsonAsync()).GetProperty("data").GetArrayLength());
        Assert.Equal("a_b", Assert.Single(literal.GetProperty("data").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
    }
}
