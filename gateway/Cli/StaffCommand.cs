using System.CommandLine;
using Gateway.Staff;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway staff list|create|disable|enable|delete|role|reset-password|reset-mfa|keys</c>: the staff lifecycle,
/// through <see cref="StaffService"/> like the admin UI and API, so every change is audited (actor <c>cli:&lt;user&gt;</c>)
/// and ends the account's sessions on every instance.
/// </summary>
public static class StaffCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var staff = new Command("staff", "Staff accounts of the admin UI and API, and their admin API keys.");
        staff.Subcommands.Add(List(cli, "list"));
        staff.Subcommands.Add(CreateAccount(cli));
        staff.Subcommands.Add(Change(cli, "disable", "Stop an account signing in; its sessions end and its admin API keys stop working.", (s, id, a, ct) => s.DisableAsync(id, a, ct), "Disabled '{0}': its sessions ended and its admin API keys stopped working."));
        staff.Subcommands.Add(Change(cli, "enable", "Let a disabled account sign in again (and lift a lockout).", (s, id, a, ct) => s.EnableAsync(id, a, ct), "Enabled '{0}'."));
        staff.Subcommands.Add(Change(cli, "delete", "Delete an account; its sessions end and its admin API keys are revoked.", (s, id, a, ct) => s.DeleteAsync(id, a, ct), "Deleted '{0}': its sessions ended and its admin API keys were revoked."));
        staff.Subcommands.Add(ChangeRole(cli));
        staff.Subcommands.Add(ResetPassword(cli, null));
        staff.Subcommands.Add(Change(cli, "reset-mfa", "Forget the account's authenticator and recovery codes; it enrols again at its next sign-in.", (s, id, a, ct) => s.ResetMfaAsync(id, a, ct), "MFA of '{0}' reset: its sessions ended; it sets up an authenticator again at its next sign-in."));
        staff.Subcommands.Add(AdminKeysCommand.Create(cli));
        return staff;
    }

    /// <summary>Today's <c>gateway admin create|reset-password|list|keys</c>, kept as they were (with <c>--username</c>).</summary>
    public static Command CreateAdminAlias(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var admin = new Command("admin", "Same as `gateway staff` (kept for scripts): create, reset-password, list, keys.");
        var username = new Option<string>("--username") { Description = "Staff username.", Required = true };
        var role = RoleOption();
        var create = new Command("create", "Create a staff account; the password is read from stdin, or prompted for.") { username, role };
        create.SetAction((parse, ct) => cli.RunAsync(parse, (services, output) => CreateAsync(cli, parse, services, output, parse.GetValue(username)!, parse.GetValue(role)!, ct), ct));
        admin.Subcommands.Add(create);
        admin.Subcommands.Add(ResetPassword(cli, new Option<string>("--username") { Description = "Staff username.", Required = true }));
        admin.Subcommands.Add(List(cli, "list"));
        admin.Subcommands.Add(AdminKeysCommand.Create(cli));
        return admin;
    }

    private static Option<string> RoleOption() =>
        new("--role") { Description = "admin (everything) or auditor (read-only).", DefaultValueFactory = _ => StaffRoles.Admin };

    private static Command List(CliContext cli, string name)
    {
        var command = new Command(name, "List staff accounts: role, status, MFA, last sign-in.");
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var accounts = await services.GetRequiredService<StaffService>().ListAsync(ct);
            if (output.IsJson)
            {
                output.Json(accounts);
                return 0;
            }

            output.Table(
                ["ID", "USERNAME", "ROLE", "STATUS", "MFA", "LAST SIGN-IN"],
                accounts.Select(a => (IReadOnlyList<string>)
                [
                    CliFormat.Invariant(a.Id), a.Username, a.Role,
                    a.LockedUntil is { } locked ? $"locked until {CliFormat.Time(locked)}" : a.Status,
                    a.MfaEnrolled ? "enrolled" : "-",
                    a.LastSignInAt is { } last ? CliFormat.Time(last) : "never",
                ]));
            return 0;
        }, ct));
        return command;
    }

    private static Command CreateAccount(CliContext cli)
    {
        var username = new AccountName();
        var role = RoleOption();
        var command = new Command("create", "Create a staff account; the password is read from stdin, or prompted for twice.") { role };
        username.AddTo(command);
        command.SetAction((parse, ct) => cli.RunAsync(parse, (services, output) => CreateAsync(cli, parse, services, output, username.Get(parse), parse.GetValue(role)!, ct), ct));
        return command;
    }

    private static async Task<int> CreateAsync(CliContext cli, ParseResult parse, IServiceProvider services, CliOutput output, string username, string role, CancellationToken ct)
    {
        var password = PasswordReader.Read(cli.Input, parse.InvocationConfiguration.Error);
        var account = await services.GetRequiredService<StaffService>().CreateAsync(username, password, role, TokensCommand.CliActor, ct);
        var mfa = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StaffOptions>>().Value.RequiresMfa(account.Role);
        return output.Result(account, "", a => output.Line(
            $"Created {a.Role} account '{a.Username}'." + (mfa ? " It sets up an authenticator app (TOTP) at its first sign-in." : "")));
    }

    /// <param name="alias">The <c>admin</c> alias's required <c>--username</c>; null for <c>staff</c>'s <see cref="AccountName"/>.</param>
    private static Command ResetPassword(CliContext cli, Option<string>? alias)
    {
        var command = new Command("reset-password", "Set a new password (stdin or prompt); lifts a lockout and ends the account's sessions.");
        var username = new AccountName();
        if (alias is null)
        {
            username.AddTo(command);
        }
        else
        {
            command.Options.Add(alias);
        }

        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var name = alias is null ? username.Get(parse) : parse.GetValue(alias)!;
            var password = PasswordReader.Read(cli.Input, parse.InvocationConfiguration.Error);
            return await OnAccountAsync(services, output, name, (s, id) => s.ResetPasswordAsync(id, password, TokensCommand.CliActor, ct), "Password of '{0}' reset: a lockout is lifted and its sessions ended.", ct);
        }, ct));
        return command;
    }

    private static Command ChangeRole(CliContext cli)
    {
        var username = new Argument<string>("username") { Description = "The account." };
        var role = new Argument<string>("role") { Description = "admin or auditor." };
        var command = new Command("role", "Change an account's role; its sessions end. The last enabled admin cannot be demoted.") { username, role };
        command.SetAction((parse, ct) => cli.RunAsync(parse, (services, output) =>
            OnAccountAsync(services, output, parse.GetValue(username)!, (s, id) => s.ChangeRoleAsync(id, parse.GetValue(role)!, TokensCommand.CliActor, ct), "'{0}' is now {1}: its sessions ended.", ct), ct));
        return command;
    }

    private static Command Change(CliContext cli, string name, string description, Func<StaffService, long, string, CancellationToken, Task<StaffView?>> change, string done)
    {
        var username = new AccountName();
        var command = new Command(name, description);
        username.AddTo(command);
        command.SetAction((parse, ct) => cli.RunAsync(parse, (services, output) =>
            OnAccountAsync(services, output, username.Get(parse), (s, id) => change(s, id, TokensCommand.CliActor, ct), done, ct), ct));
        return command;
    }

    private static async Task<int> OnAccountAsync(
        IServiceProvider services, CliOutput output, string username, Func<StaffService, long, Task<StaffView?>> change, string done, CancellationToken ct)
    {
        var staff = services.GetRequiredService<StaffService>();
        var account = await staff.FindAsync(username, ct) is { } found ? await change(staff, found.Id) : null;
        return output.Result(account, $"no staff account named '{username}' (see `gateway staff list`).", a =>
            output.Line(string.Format(System.Globalization.CultureInfo.InvariantCulture, done, a.Username, a.Role)));
    }
}
