using System.Net;
using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Sessions;

/// <summary>A staff session ends after 30 idle minutes and 12 hours in all (the defaults), on a clock the test moves.</summary>
public sealed class SessionLifetimeTests(SessionLifetimeTests.Fixture fixture) : IClassFixture<SessionLifetimeTests.Fixture>
{
    private const string Password = "lifetime test password";

    private GatewayFixture Gateway => fixture.Gateway;

    private ManualTimeProvider Clock => fixture.Gateway.Clock!;

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new() { Clock = new ManualTimeProvider(new DateTimeOffset(2027, 6, 1, 8, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc) };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Session_IdleForThirtyMinutes_Ends()
    {
        using var browser = await SignedInAsync();
        var copied = browser.StaffCookie!;

        Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, await browser.ReplayAsync(copied));
        Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(HttpStatusCode.OK, await browser.ReplayAsync(copied));
        Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.ReplayAsync(copied));
    }

    [Fact]
    public async Task Session_BusyForTwelveHours_EndsAnyway()
    {
        using var browser = await SignedInAsync();
        var copied = browser.StaffCookie!;

        for (var i = 0; i < 47; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(HttpStatusCode.OK, await browser.ReplayAsync(copied));
        }

        Clock.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(HttpStatusCode.Unauthorized, await browser.ReplayAsync(copied));
    }

    private async Task<StaffBrowser> SignedInAsync()
    {
        var username = $"l{Guid.NewGuid():N}"[..20];
        await Gateway.Services.GetRequiredService<StaffService>().CreateAsync(username, Password, StaffRoles.Auditor);
        var browser = StaffBrowser.On(Gateway);
        using var signedIn = await browser.SignInAsync(username, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return browser;
    }
}
