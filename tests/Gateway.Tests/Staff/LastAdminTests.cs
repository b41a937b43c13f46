using Gateway.Staff;
using Gateway.Tests.Infrastructure;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Staff;

/// <summary>
/// The last enabled admin cannot be disabled, deleted or demoted, whoever tries, and two admins removing each other at
/// the same moment leave one (a write skew that PostgreSQL's SERIALIZABLE catches and SQLite's write lock prevents).
/// A store of its own: the rule is about every admin in it.
/// </summary>
public sealed class LastAdminTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Password = "last admin password 00";

    private StaffService Staff => gateway.Services.GetRequiredService<StaffService>();

    [Fact]
    public async Task LastAdmin_CannotBeDisabledDeletedOrDemoted_ButAnotherAdminCan()
    {
        var only = await Staff.CreateAsync("only-admin", Password, StaffRoles.Admin, "test");
        await OnlyEnabledAdminsAsync(only.Id);

        foreach (var change in new Func<Task<StaffView?>>[]
        {
            () => Staff.DisableAsync(only.Id, "test"),
            () => Staff.DeleteAsync(only.Id, "test"),
            () => Staff.ChangeRoleAsync(only.Id, StaffRoles.Auditor, "test"),
        })
        {
            var error = await Assert.ThrowsAsync<TokenValidationException>(change);
            Assert.Contains("last enabled admin", error.Errors["username"][0], StringComparison.Ordinal);
        }

        Assert.Equal("active", (await Staff.GetAsync(only.Id))!.Status);
        var second = await Staff.CreateAsync("second-admin", Password, StaffRoles.Admin, "test");
        Assert.NotNull(await Staff.DisableAsync(only.Id, "test"));
        await Assert.ThrowsAsync<TokenValidationException>(() => Staff.DeleteAsync(second.Id, "test"));
        Assert.NotNull(await Staff.EnableAsync(only.Id, "test"));
        Assert.NotNull(await Staff.DeleteAsync(second.Id, "test"));
    }

    [Fact]
    public async Task TwoAdmins_DisableEachOtherAtOnce_OneRemains()
    {
        for (var round = 0; round < 5; round++)
        {
            var a = await Staff.CreateAsync($"race-a{round}", Password, StaffRoles.Admin, "test");
            var b = await Staff.CreateAsync($"race-b{round}", Password, StaffRoles.Admin, "test");
            await OnlyEnabledAdminsAsync(a.Id, b.Id);

            var results = await Task.WhenAll(
                Task.Run(() => Outcome(() => Staff.DisableAsync(a.Id, "staff:b"))),
                Task.Run(() => Outcome(() => Staff.DemoteOrDelete(b.Id, round))));

            Assert.Single(results, ok => ok);
            Assert.Single(await Staff.ListAsync(), s => s.Role == StaffRoles.Admin && s.Status != "disabled");
        }
    }

    // Everyone else steps aside (other tests of this class make admins too).
    private async Task OnlyEnabledAdminsAsync(params long[] keep)
    {
        foreach (var other in (await Staff.ListAsync()).Where(s => !keep.Contains(s.Id) && s.Role == StaffRoles.Admin && s.Status != "disabled"))
        {
            await Staff.DisableAsync(other.Id, "test");
        }
    }

    private static async Task<bool> Outcome(Func<Task<StaffView?>> change)
    {
        try
        {
            return await change() is not null;
        }
        catch (TokenValidationException)
        {
            return false;
        }
    }
}

/// <summary>Varies the second change of each race: disable, demote or delete.</summary>
internal static class StaffRaceChanges
{
    public static Task<StaffView?> DemoteOrDelete(this StaffService staff, long id, int round) => (round % 3) switch
    {
        0 => staff.DisableAsync(id, "staff:a"),
        1 => staff.ChangeRoleAsync(id, StaffRoles.Auditor, "staff:a"),
        _ => staff.DeleteAsync(id, "staff:a"),
    };
}
