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

    private StaffSignIn SignIn => gateway.Services.GetRequiredService<StaffSignIn>();

    [Fact]
    public async Task SignIn_ParallelWrongGuesses_AtMostFiveCheckedThenLocked()
    {
        await Staff.CreateAsync("parallel", Password, StaffRoles.Admin, "test");

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() => SignIn.SignInAsync("parallel", $"wrong guess {i}"))));
        var afterwards = await SignIn.SignInAsync("parallel", Password);

        Assert.InRange(results.Count(r => r.Outcome == SignInOutcome.Invalid), 0, StaffService.MaxFailedSignIns - 1);
        Assert.Contains(results, r => r.Outcome == SignInOutcome.LockedOut);
        Assert.Equal(SignInOutcome.LockedOut, afterwards.Outcome);
    }

    [Fact]
    public async Task SignIn_FourWrongThenRight_Succeeds()
    {
        await Staff.CreateAsync("four", Password, StaffRoles.Auditor, "test");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(SignInOutcome.Invalid, (await SignIn.SignInAsync("four", "nope nope nope")).Outcome);
        }

        Assert.Equal(SignInOutcome.Succeeded, (await SignIn.SignInAsync("four", Password)).Outcome);
    }

    [Fact]
    public async Task ResetPassword_LockedAccount_OpensItAgain()
    {
        await Staff.CreateAsync("reset-me", Password, StaffRoles.Admin, "test");
        for (var i = 0; i < StaffService.MaxFailedSignIns; i++)
        {
            await SignIn.SignInAsync("reset-me", "nope nope nope");
        }

        var account = await Staff.FindAsync("reset-me");
        await Staff.ResetPasswordAsync(account!.Id, "a brand new password", "test");

        Assert.Equal(SignInOutcome.Succeeded, (await SignIn.SignInAsync("reset-me", "a brand new password")).Outcome);
    }

    [Fact]
    public async Task Usernames_AreCaseInsensitive()
    {
        await Staff.CreateAsync("Casey", Password, StaffRoles.Admin, "test");

        var duplicate = await Assert.ThrowsAsync<TokenValidationException>(() => Staff.CreateAsync("casey", Password, StaffRoles.Admin, "test"));
        var signIn = await SignIn.SignInAsync("CASEY", Password);

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
        var error = await Assert.ThrowsAsync<TokenValidationException>(() => Staff.CreateAsync(username, password, role, "test"));

        Assert.Contains(field, error.Errors.Keys);
    }
}
