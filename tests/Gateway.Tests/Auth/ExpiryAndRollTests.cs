using System.Net;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;

namespace Gateway.Tests.Auth;

/// <summary>Expiry at the day boundary in server time, and rolling with an overlap, on a clock the test moves.</summary>
public sealed class ExpiryAndRollTests(ExpiryAndRollTests.Fixture fixture) : IClassFixture<ExpiryAndRollTests.Fixture>
{
    // Server time is UTC+10, so the boundary is not midnight UTC: "server time" is what counts.
    private static readonly TimeZoneInfo ServerZone = TimeZoneInfo.CreateCustomTimeZone("Test+10", TimeSpan.FromHours(10), "Test+10", "Test+10");

    private GatewayFixture Gateway => fixture.Gateway;

    private ManualTimeProvider Clock => fixture.Gateway.Clock!;

    public sealed class Fixture : IAsyncLifetime
    {
        public GatewayFixture Gateway { get; } = new()
        {
            Clock = new ManualTimeProvider(new DateTimeOffset(2027, 3, 1, 12, 0, 0, TimeSpan.Zero), ServerZone),
        };

        public Task InitializeAsync() => Gateway.InitializeAsync();

        public Task DisposeAsync() => Gateway.DisposeAsync();
    }

    [Fact]
    public async Task Get_ExpiryDate_ValidThrough235959ServerTimeThen401()
    {
        Clock.Set(new DateTimeOffset(2027, 3, 5, 9, 0, 0, TimeSpan.FromHours(10)));
        var token = await Gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Scopes = [ScopeCatalog.AccountRead], ExpiresOn = new DateOnly(2027, 3, 10) });

        Clock.Set(new DateTimeOffset(2027, 3, 10, 23, 59, 59, TimeSpan.FromHours(10)));
        using var lastSecond = await Gateway.GetAsync("/api/v1/me", token.Plaintext);
        Clock.Set(new DateTimeOffset(2027, 3, 11, 0, 0, 0, TimeSpan.FromHours(10)));
        Gateway.Backend.ResetLogEntries();
        using var nextDay = await Gateway.GetAsync("/api/v1/me", token.Plaintext);

        Assert.Equal(HttpStatusCode.OK, lastSecond.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, nextDay.StatusCode);
        Assert.Equal("Unauthenticated.", await nextDay.MessageAsync());
        Assert.Empty(Gateway.Backend.LogEntries);
    }

    [Fact]
    public async Task List_ExpiredToken_StaysListedAsExpired()
    {
        Clock.Set(new DateTimeOffset(2027, 4, 1, 9, 0, 0, TimeSpan.FromHours(10)));
        var token = await Gateway.CreateTokenAsync(new TokenSpec { ClientId = 11, Scopes = [ScopeCatalog.AccountRead], ExpiresOn = new DateOnly(2027, 4, 10) });

        Assert.Equal(TokenStatus.ExpiringSoon, (await Gateway.Tokens.GetAsync(token.Token.Id))!.Status);
        Clock.Set(new DateTimeOffset(2027, 4, 11, 0, 0, 1, TimeSpan.FromHours(10)));

        var listed = Assert.Single(await Gateway.Tokens.ListAsync(11));
        Assert.Equal(TokenStatus.Expired, listed.Status);
        Assert.Equal(new DateOnly(2027, 4, 10), listed.ExpiresOn);
    }

    [Fact]
    public async Task Status_FarExpiry_IsActiveUntilWindow()
    {
        Clock.Set(new DateTimeOffset(2027, 5, 1, 9, 0, 0, TimeSpan.FromHours(10)));
        var token = await Gateway.CreateTokenAsync(new TokenSpec { ClientId = 12, ExpiresOn = new DateOnly(2027, 5, 30) });

        Assert.Equal(TokenStatus.Active, (await Gateway.Tokens.GetAsync(token.Token.Id))!.Status);
        Clock.Set(new DateTimeOffset(2027, 5, 17, 0, 0, 0, TimeSpan.FromHours(10)));
        Assert.Equal(TokenStatus.ExpiringSoon, (await Gateway.Tokens.GetAsync(token.Token.Id))!.Status);
    }

    [Fact]
    public async Task Roll_WithOverlap_BothWorkUntilOverlapEndsThenOldIs401()
    {
        Clock.Set(new DateTimeOffset(2027, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var old = await Gateway.CreateTokenAsync(new TokenSpec { ClientId = 1, Name = "deploy", Scopes = [ScopeCatalog.AccountRead], AllowedIps = ["203.0.113.0/24"] });

        var rolled = await Gateway.Tokens.RollAsync(old.Token.Id, TimeSpan.FromHours(24), "test");
        using var oldDuring = await Gateway.GetAsync("/api/v1/me", old.Plaintext);
        using var newDuring = await Gateway.GetAsync("/api/v1/me", rolled!.Plaintext);
        Clock.Advance(TimeSpan.FromHours(24));
        using var oldAfter = await Gateway.GetAsync("/api/v1/me", old.Plaintext);
        using var newAfter = await Gateway.GetAsync("/api/v1/me", rolled.Plaintext);

        Assert.Equal(HttpStatusCode.OK, oldDuring.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newDuring.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, oldAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAfter.StatusCode);
        Assert.NotEqual(old.Plaintext, rolled.Plaintext);
        Assert.Equal("deploy", rolled.Token.Name);
        Assert.Equal(old.Token.AllowedIps, rolled.Token.AllowedIps);
        Assert.Equal(old.Token.Scopes, rolled.Token.Scopes);
        var oldView = await Gateway.Tokens.GetAsync(old.Token.Id);
        Assert.Equal(TokenStatus.Revoked, oldView!.Status);
        Assert.Equal($"Rolled: replaced by token {rolled.Token.Id}.", oldView.RevokeReason);
    }

    [Fact]
    public async Task Roll_NoOverlap_OldIs401AtOnce()
    {
        Clock.Set(new DateTimeOffset(2027, 7, 1, 9, 0, 0, TimeSpan.Zero));
        var old = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        using (var warm = await Gateway.GetAsync("/api/v1/me", old.Plaintext))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var rolled = await Gateway.Tokens.RollAsync(old.Token.Id, TimeSpan.Zero, "test");
        using var oldAfter = await Gateway.GetAsync("/api/v1/me", old.Plaintext);
        using var newAfter = await Gateway.GetAsync("/api/v1/me", rolled!.Plaintext);

        Assert.Equal(HttpStatusCode.Unauthorized, oldAfter.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAfter.StatusCode);
    }

    [Fact]
    public async Task Roll_RevokedToken_IsRefused()
    {
        var token = await Gateway.CreateTokenAsync(1, ScopeCatalog.AccountRead);
        await Gateway.Tokens.RevokeAsync(token.Token.Id, "test", null);

        var error = await Assert.ThrowsAsync<TokenValidationException>(() => Gateway.Tokens.RollAsync(token.Token.Id, TimeSpan.Zero, "test"));

        Assert.Contains("id", error.Errors.Keys);
    }

    [Fact]
    public async Task RevokeAll_RolledTokenWithoutNewReason_KeepsTheRollRecord()
    {
        var old = await Gateway.CreateTokenAsync(new TokenSpec { ClientId = 13, Scopes = [ScopeCatalog.AccountRead] });
        var rolled = await Gateway.Tokens.RollAsync(old.Token.Id, TimeSpan.FromHours(1), "test");

        var revoked = await Gateway.Tokens.RevokeAllAsync(13, "test", reason: null);

        Assert.Equal(2, revoked.Count);
        var oldView = await Gateway.Tokens.GetAsync(old.Token.Id);
        Assert.Equal(TokenStatus.Revoked, oldView!.Status);
        Assert.Equal($"Rolled: replaced by token {rolled!.Token.Id}.", oldView.RevokeReason);
    }
}
