using System.Net;
using System.Text.Json;
using Gateway.Staff;
using Gateway.Tests.Audit;
using Gateway.Tests.Cli;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Staff;

/// <summary>
/// Every staff action is an audit event, whoever makes it (CLI, UI, API), and a failed sign-in never records what was
/// typed as the username unless it names an account (people type passwords there).
/// </summary>
public sealed class StaffAuditTrailTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string Password = "audit trail password 99";

    [Fact]
    public async Task Cli_StaffLifecycle_EveryActionAuditedWithTheCliActor()
    {
        using var cli = new CliRunner();
        Assert.Equal(0, (await cli.RunAsync(["staff", "create", "carol", "--role", "auditor"], Password + "\n")).Exit);
        Assert.Equal(0, (await cli.RunAsync(["admin", "create", "--username", "dave", "--role", "admin"], Password + "\n")).Exit);
        Assert.Equal(0, (await cli.RunAsync(["staff", "reset-password", "carol"], "another password 1234\n")).Exit);
        Assert.Equal(0, (await cli.RunAsync(["admin", "reset-password", "--username", "carol"], "a third password 12345\n")).Exit);
        Assert.Equal(0, (await cli.RunAsync("staff", "role", "carol", "admin")).Exit);
        Assert.Equal(0, (await cli.RunAsync("staff", "disable", "carol")).Exit);
        Assert.Equal(0, (await cli.RunAsync("staff", "enable", "carol")).Exit);
        Assert.Equal(0, (await cli.RunAsync("staff", "reset-mfa", "carol")).Exit);
        Assert.Equal(0, (await cli.RunAsync("staff", "delete", "carol")).Exit);

        var events = (await AuditFile.ReadLinesAsync(Path.Combine(cli.DataPath, "logs"))).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("EventType").GetString() == "staff_action").ToList();
        string[] expected = ["staff.created", "staff.created", "staff.password_reset", "staff.password_reset", "staff.role_changed", "staff.disabled", "staff.enabled", "staff.mfa_reset", "staff.deleted"];
        Assert.Equal(expected, events.Select(e => e.GetProperty("Action").GetString()));
        Assert.All(events, e => Assert.StartsWith("cli:", e.GetProperty("Actor").GetString(), StringComparison.Ordinal));
        Assert.Equal("staff:carol", events[2].GetProperty("Target").GetString());
        var all = string.Join('\n', events.Select(e => e.GetRawText()));
        Assert.DoesNotContain(Password, all, StringComparison.Ordinal);
        Assert.DoesNotContain("another password", all, StringComparison.Ordinal);
        Assert.DoesNotContain("SecurityStamp", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailedSignIn_UnknownName_NeverLogsWhatWasTyped()
    {
        var known = $"a{Guid.NewGuid():N}"[..20];
        await gateway.Services.GetRequiredService<StaffService>().CreateAsync(known, Password, StaffRoles.Auditor, "test");
        using var browser = StaffBrowser.On(gateway, "192.0.2.200");
        // What a hurried admin types: the password into the username box.
        const string typedPassword = "my-secret-password";

        using (var unknown = await browser.SignInAsync(typedPassword, "whatever else"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        using (var wrong = await browser.SignInAsync(known, "not the password"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        var signIns = await SignInEventsAsync(2);
        Assert.Contains(signIns, e => e.Actor == StaffSignIn.UnknownActor && e.Outcome == "failed");
        Assert.Contains(signIns, e => e.Actor == $"staff:{known}" && e.Outcome == "failed");
        var everything = string.Join('\n', await AuditFile.ReadLinesAsync(Path.Combine(gateway.DataPath, "logs")));
        Assert.DoesNotContain(typedPassword, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ui_StaffChangesAndSignOut_AuditedWithTheSignedInActor()
    {
        var admin = $"u{Guid.NewGuid():N}"[..20];
        var staff = gateway.Services.GetRequiredService<StaffService>();
        await staff.CreateAsync(admin, Password, StaffRoles.Admin, "test");
        // This test is about the audit trail, not MFA: the account signs in through its enrolment like any admin.
        using var browser = StaffBrowser.On(gateway, "192.0.2.201");
        using (await browser.SignInAsync(admin, Password))
        {
        }

        var (_, page) = await browser.GetAsync("/signin/enrol");
        var secret = System.Text.RegularExpressions.Regex.Match(page, "id=\"mfa-secret\">([A-Z2-7 ]+)<").Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
        using (await browser.PostFormAsync("/signin/enrol", new Dictionary<string, string> { ["Code"] = StaffMfaTests.BrowserTotp(secret, DateTime.UtcNow) }))
        {
        }

        using (var created = await browser.PostFormAsync("/staff", new Dictionary<string, string> { ["Username"] = "ui-made", ["Password"] = Password, ["Role"] = "auditor" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        }

        var id = (await staff.FindAsync("ui-made"))!.Id;
        using (await browser.PostFormAsync($"/staff/{id}", new Dictionary<string, string>(), $"/staff/{id}?handler=Disable"))
        {
        }

        using (await browser.SignOutAsync())
        {
        }

        var events = await StaffEventsAsync(e => e.Actor == $"staff:{admin}", 5);
        Assert.Contains(events, e => e.Action == "staff.created" && e.Target == "staff:ui-made");
        Assert.Contains(events, e => e.Action == "staff.disabled" && e.Target == "staff:ui-made");
        Assert.Contains(events, e => e.Action == "staff.mfa_enrolled");
        Assert.Contains(events, e => e.Action == "staff.sign_out");
        Assert.Contains(events, e => e.Action == "staff.sign_in" && e.Outcome == "succeeded");
    }

    private async Task<IReadOnlyList<(string? Actor, string? Outcome)>> SignInEventsAsync(int atLeast) =>
        [.. (await StaffEventsAsync(e => e.Action == "staff.sign_in", atLeast)).Select(e => (e.Actor, e.Outcome))];

    private async Task<IReadOnlyList<StaffEvent>> StaffEventsAsync(Func<StaffEvent, bool> which, int atLeast)
    {
        IReadOnlyList<StaffEvent> found = [];
        for (var attempt = 0; attempt < 100 && found.Count < atLeast; attempt++)
        {
            await Task.Delay(100);
            found = [.. (await AuditFile.ReadLinesAsync(Path.Combine(gateway.DataPath, "logs")))
                .Select(l => JsonDocument.Parse(l).RootElement)
                .Where(e => e.GetProperty("EventType").GetString() == "staff_action")
                .Select(e => new StaffEvent(Text(e, "Action"), Text(e, "Actor"), Text(e, "Target"), Text(e, "Outcome")))
                .Where(which)];
        }

        return found;
    }

    private static string? Text(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private sealed record StaffEvent(string? Action, string? Actor, string? Target, string? Outcome);
}
