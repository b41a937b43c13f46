using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Cluster;

/// <summary>
/// Two instances on one PostgreSQL and one Redis act as one: one limit per token, a change made on either (or by the
/// CLI) in force on the other within a second, and a staff cookie good on both. The cache bound here is a minute,
/// so the second can only come from the Redis broadcast.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed partial class ClusterTests(BroadcastClusterFixture cluster) : IClassFixture<BroadcastClusterFixture>
{
    public const int SignInsPerMinute = 4;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Start_TwoInstancesOnOneEmptyDatabaseAtOnce_BothMigratedAndReady()
    {
        foreach (var instance in new[] { cluster.A, cluster.B })
        {
            using var admin = instance.CreateClient(admin: true);
            using var ready = await admin.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            var report = await ready.JsonAsync();
            Assert.Equal("Healthy", report.GetProperty("status").GetString());
            Assert.Equal("Redis reachable.", report.Check("redis").GetProperty("description").GetString());
        }

        Assert.DoesNotContain("could not start", cluster.A.Log + cluster.B.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_LimitSharedAcrossInstances_LimitPlusOnethIs429WithHeadersFromTheSharedWindow()
    {
        var (_, token) = await cluster.CreateTokenAsync(rateLimit: 5);
        using var a = cluster.A.CreateClient();
        using var b = cluster.B.CreateClient();
        var remaining = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await ClusterFixture.GetMeAsync(i % 2 == 0 ? a : b, token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            remaining.Add(response.Headers.GetValues("X-RateLimit-Remaining").Single());
        }

        // One window, counted across both instances: 4, 3, 2, 1, 0 whichever instance answered.
        Assert.Equal(["4", "3", "2", "1", "0"], remaining);
        using var refused = await ClusterFixture.GetMeAsync(b, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("{\"message\":\"Too many requests.\"}", await refused.Content.ReadAsStringAsync());
        Assert.True(refused.Headers.Contains("Retry-After"));
        using var refusedOnA = await ClusterFixture.GetMeAsync(a, token);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedOnA.StatusCode);
    }

    [Fact]
    public async Task Revoke_OnInstanceA_401OnInstanceBWithinOneSecond()
    {
        var (id, token) = await cluster.CreateTokenAsync();
        using var b = cluster.B.CreateClient();
        using (var before = await ClusterFixture.GetMeAsync(b, token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var admin = ClusterFixture.Admin(cluster.A, cluster.AdminKey);
        using (var revoked = await admin.PostAsJsonAsync($"/admin/api/v1/tokens/{id}/revoke", new { reason = "cluster test" }))
        {
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
        }

        await Task.Delay(Bound);
        using var after = await ClusterFixture.GetMeAsync(b, token);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Equal("{\"message\":\"Unauthenticated.\"}", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Edit_AllowedIpsOnInstanceA_AppliesOnInstanceBWithinOneSecond()
    {
        var (id, token) = await cluster.CreateTokenAsync(allowedIps: ["127.0.0.1"]);
        using var b = cluster.B.CreateClient();
        using (var before = await ClusterFixture.GetMeAsync(b, token))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var admin = ClusterFixture.Admin(cluster.A, cluster.AdminKey);
        using (var edited = await admin.PatchAsJsonAsync($"/admin/api/v1/tokens/{id}", new { allowedIps = new[] { "10.0.0.0/8" } }))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }

        await Task.Delay(Bound);
        using var after = await ClusterFixture.GetMeAsync(b, token);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Equal("{\"message\":\"This IP address is not allowed to use this token.\"}", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Revoke_ThroughCli_401OnBothInstancesWithinOneSecond()
    {
        var (id, token) = await cluster.CreateTokenAsync();
        using var a = cluster.A.CreateClient();
        using var b = cluster.B.CreateClient();
        foreach (var client in new[] { a, b })
        {
            using var before = await ClusterFixture.GetMeAsync(client, token);
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await cluster.CliAsync("tokens", "revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--reason", "cli", "--json");

        await Task.Delay(Bound);
        foreach (var client in new[] { a, b })
        {
            using var after = await ClusterFixture.GetMeAsync(client, token);
            Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        }
    }

    [Fact]
    public async Task SignIn_CookieFromInstanceA_WorksOnInstanceB()
    {
        const string password = "cluster staff password 5Tq8";
        var username = $"staff{Guid.NewGuid():N}"[..20];
        var (exit, _, stderr) = await ProcessRunner.RunAsync(
            "dotnet", [GatewayProcess.ExecutablePath, "admin", "create", "--username", username, "--role", "auditor"], cluster.Environment, stdin: password);
        Assert.True(exit == 0, stderr);

        // One cookie jar, as one browser: the load balancer sends its next request to the other instance.
        var cookies = new CookieContainer();
        using var a = cluster.A.CreateClient(admin: true, cookies);
        using var b = cluster.B.CreateClient(admin: true, cookies);
        var page = await a.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Password"] = password,
            ["__RequestVerificationToken"] = AntiforgeryField().Match(page).Groups[1].Value,
        });
        using (var signedIn = await a.PostAsync(new Uri("/signin", UriKind.Relative), form))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        using var onB = await b.GetAsync(new Uri("/admin/api/v1/tokens", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        using var pageOnB = await b.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, pageOnB.StatusCode);
        Assert.Contains(username, await pageOnB.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Audit_TwoInstancesAndTheCliOnOneFolder_OneViewAndOneVerifyCoverEveryChain()
    {
        var created = await cluster.CliAsync("tokens", "create", "--client", "4", "--name", $"audited-{Guid.NewGuid():N}"[..20], "--scopes", "account:read", "--json");
        var id = created.GetProperty("id").GetInt64();
        using (var a = cluster.A.CreateClient())
        using (await a.GetAsync(new Uri("/api/v1/me", UriKind.Relative)))
        {
        }

        // The token is used on B only; A's audit view shows its use and its creation by the CLI.
        using (var b = cluster.B.CreateClient())
        using (await ClusterFixture.GetMeAsync(b, created.GetProperty("token").GetString()!))
        {
        }

        using var admin = ClusterFixture.Admin(cluster.A, cluster.AdminKey);
        var events = new List<System.Text.Json.JsonElement>();
        for (var attempt = 0; attempt < 100 && events.Count < 2; attempt++)
        {
            await Task.Delay(100);
            var page = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/admin/api/v1/audit?token={id}");
            events = [.. page.GetProperty("data").EnumerateArray()];
        }

        var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, "audit", "verify"], cluster.Environment);

        Assert.Equal(["public_request", "staff_action"], events.Select(e => e.GetProperty("EventType").GetString()));
        Assert.True(exit == 0, stdout + stderr);
        foreach (var chain in new[] { "audit-: ", "audit-2-: ", "audit-cli-: " })
        {
            Assert.Contains(chain, stdout, StringComparison.Ordinal);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    internal static partial Regex AntiforgeryField();
}

/// <summary>The cluster classes start real servers and two gateways each: one at a time on two cores.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ClusterGroup
{
    public const string Name = "Cluster";
}
