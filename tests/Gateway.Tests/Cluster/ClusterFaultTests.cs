using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Cluster;

/// <summary>
/// The cluster when its shared servers fail (default cache bound, 1 s). Redis down: requests are still served, each
/// instance counting locally (the default fallback), and shared limits resume when Redis is back. PostgreSQL down:
/// nothing is admitted once cached validations are older than the bound; answers are 503 with the DESIGN body and no
/// detail, and service resumes when the database is back.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed class ClusterFaultTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Get_RedisStoppedThenBack_ServedWithLocalLimitsThenSharedAgain()
    {
        using var a = cluster.A.CreateClient();
        using var b = cluster.B.CreateClient();
        var (_, shared) = await cluster.CreateTokenAsync(rateLimit: 2);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(a, shared));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, shared));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(a, shared));

        var (_, local) = await cluster.CreateTokenAsync(rateLimit: 2);
        await cluster.Redis.StopAsync();
        try
        {
            // Each instance enforces the limit on its own meanwhile: 2 on A and 2 on B, then 429 — never a 5xx.
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(a, local));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(a, local));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, local));
            Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, local));
            Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(a, local));
            Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(b, local));

            using var admin = cluster.A.CreateClient(admin: true);
            using var degraded = await admin.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, degraded.StatusCode);
            var report = await degraded.JsonAsync();
            Assert.Equal("Degraded", report.GetProperty("status").GetString());
            Assert.Equal("Degraded", report.Check("redis").GetProperty("status").GetString());
            Assert.StartsWith("Redis unreachable", report.Check("redis").GetProperty("description").GetString(), StringComparison.Ordinal);
            Assert.Equal("Healthy", report.Check("store").GetProperty("status").GetString());
        }
        finally
        {
            await cluster.Redis.StartAgainAsync();
        }

        await WaitUntilReadyAsync(cluster.A);
        await WaitUntilReadyAsync(cluster.B);
        var (_, again) = await cluster.CreateTokenAsync(rateLimit: 2);
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(a, again));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, again));
        Assert.Equal(HttpStatusCode.TooManyRequests, await StatusAsync(b, again));
        Assert.Contains("Redis is unreachable for rate limits", cluster.A.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_PostgresStopped_503WithoutDetailAndNothingForwardedThenRecovers()
    {
        var (_, token) = await cluster.CreateTokenAsync();
        using var a = cluster.A.CreateClient();
        using var b = cluster.B.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(a, token));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(b, token));
        // Well-formed, checksum and all, but in no store: only the store can say so.
        var unknown = new Gateway.Tokens.TokenFormat("opt_live_").Generate();

        await cluster.Postgres.StopAsync();
        try
        {
            // Past the re-validation bound no cached validation may admit anything.
            await Task.Delay(TimeSpan.FromSeconds(1.1));
            var forwarded = cluster.Backend.LogEntries.Count;
            foreach (var client in new[] { a, b })
            {
                foreach (var presented in new[] { token, unknown })
                {
                    using var response = await ClusterFixture.GetMeAsync(client, presented);
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    Assert.Equal("{\"message\":\"Service unavailable.\"}", await response.Content.ReadAsStringAsync());
                }
            }

            Assert.Equal(forwarded, cluster.Backend.LogEntries.Count);
        }
        finally
        {
            await cluster.Postgres.StartAgainAsync();
        }

        foreach (var client in new[] { a, b })
        {
            var deadline = DateTime.UtcNow + RecoveryLimit;
            var status = await StatusAsync(client, token);
            while (status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
                status = await StatusAsync(client, token);
            }

            Assert.Equal(HttpStatusCode.OK, status);
        }
    }

    [Fact]
    public async Task SignIn_PostsFromOneAddressAcrossInstances_OneSharedBudgetThen429()
    {
        var cookies = new CookieContainer();
        using var a = cluster.A.CreateClient(admin: true, cookies);
        using var b = cluster.B.CreateClient(admin: true, cookies);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2 * ClusterTests.SignInsPerMinute && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            // A name that is no account: refused (401 page) without touching any lockout counter.
            statuses.Add(await PostSignInAsync(i % 2 == 0 ? a : b, $"nobody{i}", "wrong password"));
        }

        // Counted in Redis: one budget for both instances (each on its own would allow twice as many).
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.Unauthorized), 1, ClusterTests.SignInsPerMinute);
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostSignInAsync(a, "nobody", "wrong password"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostSignInAsync(b, "nobody", "wrong password"));
    }

    private static async Task<HttpStatusCode> PostSignInAsync(HttpClient client, string username, string password)
    {
        var page = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Username"] = username,
            ["Password"] = password,
            ["__RequestVerificationToken"] = ClusterTests.AntiforgeryField().Match(page).Groups[1].Value,
        });
        using var response = await client.PostAsync(new Uri("/signin", UriKind.Relative), form);
        return response.StatusCode;
    }

    private static async Task WaitUntilReadyAsync(GatewayProcess instance)
    {
        using var admin = instance.CreateClient(admin: true);
        var deadline = DateTime.UtcNow + RecoveryLimit;
        while (DateTime.UtcNow < deadline)
        {
            using var ready = await admin.GetAsync(new Uri("/readyz", UriKind.Relative));
            if (await ready.StatusAsync() == "Healthy")
            {
                return;
            }

            await Task.Delay(200);
        }

        Assert.Fail("The instance did not see Redis again.");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string token)
    {
        using var response = await ClusterFixture.GetMeAsync(client, token);
        Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.StatusCode;
    }
}
