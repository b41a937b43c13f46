using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Admin;

/// <summary>Staff passwords and lockout, including guesses sent in parallel.</summary>
public sealed class StaffServiceTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Password = "correct horse battery staple";

    private StaffService Staff => gateway.Services.GetRequiredService<StaffService>();

    [Fact]
    public async Task SignIn_ParallelWrongGuesses_AtMostFiveCheckedThenLocked()
    {
        await Staff.CreateAsync("parallel", Password, StaffRoles.Admin);

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => Staff.SignInAsync("parallel", $"wrong guess {i}"))));
        var afterwards = await Staff.SignInAsync("parallel", Password);

        Assert.InRange(results.Count(r => r.Outcome == SignInOutcome.Invalid), 0, StaffService.MaxFailedSignIns - 1);
        Assert.Contains(results, r => r.Outcome == SignInOutcome.LockedOut);
        Assert.Equal(SignInOutcome.LockedOut, afterwards.Outcome);
    }

    [Fact]
    public async Task SignIn_FourWrongThenRight_Succeeds()
    {
        await Staff.CreateAsync("four", Password, StaffRoles.Auditor);
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInOutcome.Invalid, (await Staff.SignInAsync("four", "nope nope nope")).Outcome);
        }

        Assert.Equal(SignInOutcome.Succeeded, (await Staff.SignInAsync("four", Password)).Outcome);
    }

    [Fact]
    public async Task ResetPassword_LockedAccount_OpensItAgain()
    {
        await Staff.CreateAsync("reset-me", Password, StaffRoles.Admin);
        for (var i = 0; i < StaffService.MaxFailedSignIns; i++)
        {
            await Staff.SignInAsync("reset-me", "nope nope nope");
        }

        await Staff.ResetPasswordAsync("reset-me", "a brand new password");

        Assert.Equal(SignInOutcome.Succeeded, (await Staff.SignInAsync("reset-me", "a brand new password")).Outcome);
    }

    [Fact]
    public async Task Usernames_AreCaseInsensitive()
    {
        await Staff.CreateAsync("Casey", Password, StaffRoles.Admin);

        var duplicate = await Assert.ThrowsAsync<TokenValidationException>(() => Staff.CreateAsync("casey", Password, StaffRoles.Admin));
        var signIn = await Staff.SignInAsync("CASEY", Password);

        Assert.Contains("username", duplicate.Errors.Keys);
        Assert.Equal(SignInOutcome.Succeeded, signIn.Outcome);
        Assert.Equal("casey", signIn.Account!.Username);
    }

    [Theory]
    [InlineData("ok-name", "short", "admin", "password")]
    [InlineData("bad name", Password, "admin", "username")]
    [InlineData("ok-name", Password, "root", "role")]
    public async Task Create_Invalid_IsRefusedNamingTheField(string username, string password, string role, string field)
    {
        var error = await Assert.ThrowsAsync<TokenValidationException>(() => Staff.CreateAsync(username, password, role));

        Assert.Contains(field, error.Errors.Keys);
    }
}
