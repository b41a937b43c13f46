using System.Net;
using Gateway.Sessions;
using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Sessions;

/// <summary>
/// Staff sign-ins are server sessions: a copied cookie stops working the moment the session ends (sign-out, a second
/// sign-in, a password reset), at the default settings.
/// </summary>
public sealed class StaffSessionTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Password = "session test password 42";

    private StaffService Staff => gateway.Services.GetRequiredService<StaffService>();

    [Fact]
    public async Task SignOut_CopiedCookieReplayed_IsRefused()
    {
        var username = await CreateAuditorAsync();
        using var browser = StaffBrowser.On(gateway);
        using (var signedIn = await browser.SignInAsync(username, Password))
        {
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        }

        var copied = browser.StaffCookie!;
        Assert.Equal(HttpStatusCode.OK, await browser.ReplayAsync(copied));

        using (var signedOut = await browser.SignOutAsync())
        {
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        // At once, on the instance that signed out: no cache bound to wait for.
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.ReplayAsync(copied));
        Assert.Equal(HttpStatusCode.Redirect, await browser.ReplayAsync(copied, "/"));
        Assert.Null(browser.StaffCookie);
    }

    [Fact]
    public async Task ResetPassword_OpenSessionEndsAtOnce()
    {
        var username = await CreateAuditorAsync();
        using var browser = StaffBrowser.On(gateway);
        using (await browser.SignInAsync(username, Password))
        {
        }

        var copied = browser.StaffCookie!;
        Assert.Equal(HttpStatusCode.OK, await browser.ReplayAsync(copied));

        await Staff.ResetPasswordAsync(username, "another password 4242");

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.ReplayAsync(copied));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/admin/api/v1/tokens")).Status);
    }

    [Fact]
    public async Task SignIn_AgainOverALiveSession_ReplacesIt()
    {
        var username = await CreateAuditorAsync();
        using var browser = StaffBrowser.On(gateway);
        using (await browser.SignInAsync(username, Password))
        {
        }

        var first = browser.StaffCookie!;
        using (await browser.SignInAsync(username, Password))
        {
        }

        var second = browser.StaffCookie!;

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.Unauthorized, await browser.ReplayAsync(first));
        Assert.Equal(HttpStatusCode.OK, await browser.ReplayAsync(second));
    }

    [Fact]
    public async Task Store_EndedOnAnotherInstance_RefusedHereWithinTheCacheBound()
    {
        // Another instance: the same store, its own cache, no Redis between them.
        var here = gateway.Services.GetRequiredService<SessionStore>();
        var elsewhere = new SessionStore(
            gateway.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Gateway.Data.GatewayDbContext>>(),
            new SessionCache(),
            new NoBroadcast(),
            TimeProvider.System);
        var subject = SessionSubject.Staff(987_654);
        var key = await here.CreateAsync(subject, new SessionLifetime(TimeSpan.FromMinutes(30), TimeSpan.FromHours(12)), "192.0.2.1");
        Assert.Equal(subject, await here.CheckAsync(key));

        await elsewhere.EndAllAsync(subject, SessionEndReasons.Disabled);
        await Task.Delay(SessionCache.RevalidateAfter);

        Assert.Null(await here.CheckAsync(key));
        Assert.Empty(await here.ListLiveAsync(subject));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-session-key")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Check_UnknownOrMalformedKey_IsNoSession(string? key)
    {
        Assert.Null(await gateway.Services.GetRequiredService<SessionStore>().CheckAsync(key));
    }

    private async Task<string> CreateAuditorAsync()
    {
        var username = $"s{Guid.NewGuid():N}"[..20];
        await Staff.CreateAsync(username, Password, StaffRoles.Auditor);
        return username;
    }

    private sealed class NoBroadcast : ISessionBroadcast
    {
        public Task PublishAsync(SessionEnd ended, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
