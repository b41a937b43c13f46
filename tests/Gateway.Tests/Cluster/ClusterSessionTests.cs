using System.Net;
using Gateway.Cluster;
using Gateway.Sessions;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Cluster;

/// <summary>
/// A staff session ended on one instance (or by the CLI) is ended on the other too: a cookie copied while it was good
/// is refused by both, within the session cache's bound at most, and at once when Redis carries the news.
/// </summary>
[Collection(ClusterGroup.Name)]
public sealed class ClusterSessionTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private const string Password = "cluster session password 7Kd2";

    [Fact]
    public async Task SignOut_OnInstanceA_CopiedCookieRefusedOnInstanceB()
    {
        var username = await CreateAuditorAsync();
        using var onA = StaffBrowser.On(cluster.A);
        using var onB = StaffBrowser.On(cluster.B, onA.Cookies);
        using (var signedIn = await onA.SignInAsync(username, Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var copied = onA.StaffCookie!;
        Assert.Equal(HttpStatusCode.OK, await onB.ReplayAsync(copied));

        using (var signedOut = await onA.SignOutAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        await Task.Delay(SessionCache.RevalidateAfter);
        Assert.Equal(HttpStatusCode.Unauthorized, await onB.ReplayAsync(copied));
        Assert.Equal(HttpStatusCode.Unauthorized, await onA.ReplayAsync(copied));
    }

    [Fact]
    public async Task ResetPassword_ThroughCli_SessionRefusedOnBothInstances()
    {
        var username = await CreateAuditorAsync();
        using var onA = StaffBrowser.On(cluster.A);
        using var onB = StaffBrowser.On(cluster.B, onA.Cookies);
        using (await onA.SignInAsync(username, Password))
        {
        }

        var copied = onA.StaffCookie!;
        Assert.Equal(HttpStatusCode.OK, await onB.ReplayAsync(copied));

        var (exit, _, stderr) = await ProcessRunner.RunAsync(
            "dotnet", [GatewayProcess.ExecutablePath, "admin", "reset-password", "--username", username], cluster.Environment, stdin: "a new cluster password 9");
        Assert.True(exit == 0, stderr);

        await Task.Delay(SessionCache.RevalidateAfter);
        Assert.Equal(HttpStatusCode.Unauthorized, await onA.ReplayAsync(copied));
        Assert.Equal(HttpStatusCode.Unauthorized, await onB.ReplayAsync(copied));
    }

    [Fact]
    public async Task Broadcast_EndedSession_DropsTheEntryFromAnotherInstancesCache()
    {
        var options = Options.Create(new RedisOptions { Configuration = cluster.Redis.Configuration, KeyPrefix = $"t{Guid.NewGuid():N}:" });
        await using var redis = new RedisConnection(options, NullLogger<RedisConnection>.Instance);
        using var cache = new SessionCache();
        var subscriber = new SessionEndSubscriber(redis, cache, new InstanceId("receiver"), NullLogger<SessionEndSubscriber>.Instance);
        var sender = new RedisSessionBroadcast(redis, new InstanceId("sender"), NullLogger<RedisSessionBroadcast>.Instance);
        await subscriber.StartAsync(CancellationToken.None);

        // The subscription is made in the background: publish until it is heard (what is asserted is that it is).
        var generation = cache.Generation;
        for (var attempt = 0; attempt < 100 && cache.Generation == generation; attempt++)
        {
            await sender.PublishAsync(new SessionEnd([SessionStore.Hash("some-session-key")]), CancellationToken.None);
            await Task.Delay(100);
        }

        Assert.NotEqual(generation, cache.Generation);
    }

    private async Task<string> CreateAuditorAsync()
    {
        var username = $"cs{Guid.NewGuid():N}"[..20];
        var (exit, _, stderr) = await ProcessRunner.RunAsync(
            "dotnet", [GatewayProcess.ExecutablePath, "admin", "create", "--username", username, "--role", "auditor"], cluster.Environment, stdin: Password);
        Assert.True(exit == 0, stderr);
        return username;
    }
}
