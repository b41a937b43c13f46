using System.Net;
using Gateway.Tests.SecretScanning;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Cluster;

/// <summary>
/// A leak report received by one instance revokes the token on every instance (the cache bound here is a minute, so
/// only the Redis broadcast can explain it).
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed class SecretScanningClusterTests(SecretScanningClusterTests.Fixture cluster) : IClassFixture<SecretScanningClusterTests.Fixture>
{
    public sealed class Fixture : ClusterFixture
    {
        public GitHubStandIn GitHub { get; } = new();

        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["Gateway__Tokens__CacheRevalidateAfter"] = "00:01:00",
            ["Gateway__SecretScanning__GitHub__Enabled"] = "true",
            ["Gateway__SecretScanning__GitHub__KeysUrl"] = GitHub.KeysUrl,
        };

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            GitHub.Dispose();
        }
    }

    [Fact]
    public async Task Report_ToInstanceA_TokenRefusedOnBothInstances()
    {
        var (_, token) = await cluster.CreateTokenAsync();
        using var a = cluster.A.CreateClient();
        using var b = cluster.B.CreateClient();
        foreach (var client in new[] { a, b })
        {
            using var before = await ClusterFixture.GetMeAsync(client, token);
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var report = await a.SendAsync(cluster.GitHub.Post(GitHubStandIn.Report((token, "https://github.com/x/y/blob/1/z"))));
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Contains("true_positive", await report.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using (var onA = await ClusterFixture.GetMeAsync(a, token))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, onA.StatusCode);
        }

        await Eventually.TrueAsync(async () =>
        {
            using var onB = await ClusterFixture.GetMeAsync(b, token);
            return onB.StatusCode == HttpStatusCode.Unauthorized;
        }, "the token refused on instance B", seconds: 5);
    }
}
