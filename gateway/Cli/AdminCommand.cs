using System.CommandLine;
using Gateway.Staff;

namespace Gateway.Cli;

/// <summary><c>gateway admin create|reset-password|list</c> and <c>gateway admin keys create|list|revoke</c>.</summary>
public static class AdminCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var admin = new Command("admin", "Staff accounts and admin API keys for the admin UI and API.");
        admin.Subcommands.Add(CreateAccount(cli));
        admin.Subcommands.Add(ResetPassword(cli));
        admin.Subcommands.Add(ListAccounts(cli));
        admin.Subcommands.Add(AdminKeysCommand.Create(cli));
        return admin;
    }

    private static Option<string> Username() => new("--username") { Description = "Staff username (1-50 of A-Z a-z 0-9 - _).", Required = true };

    private static Command CreateAccount(CliContext cli)
    {
        var username = Username();
        var role = new Option<string>("--role") { Description = "admin (everything) or auditor (read-only).", DefaultValueFactory = _ => StaffRoles.Admin };
        var command = new Command("create", "Create a staff account; the password is read from stdin, or prompted for.") { username, role };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var password = PasswordReader.Read(cli.Input, parse.InvocationConfiguration.Error);
            var account = await services.GetRequiredService<StaffService>().CreateAsync(parse.GetValue(username)!, password, parse.GetValue(role)!, ct);
            return output.Result(account, "", a => output.Line($"Created {a.Role} account '{a.Username}'."));
        }, ct));
        return command;
    }

    private static Command ResetPassword(CliContext cli)
    {
        var username = Username();
        var command = new Command("reset-password", "Set a new password (stdin or prompt); lifts a lockout and ends existing sign-ins.") { username };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var password = PasswordReader.Read(cli.Input, parse.InvocationConfiguration.Error);
            var account = await services.GetRequiredService<StaffService>().ResetPasswordAsync(parse.GetValue(username)!, password, ct);
            return output.Result(account, $"no staff account named '{parse.GetValue(username)}'.", a => output.Line($"Password of '{a.Username}' reset; existing sign-ins ended."));
        }, ct));
        return command;
    }

    private static Command ListAccounts(CliContext cli)
    {
        var command = new Command("list", "List staff accounts.");
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var accounts = await services.GetRequiredService<StaffService>().ListAsync(ct);
            if (output.IsJson)
            {
                output.Json(accounts.Select(a => new { a.Id, a.Username, a.Role, a.LockedUntil, a.CreatedAt, a.LastSignInAt }));
                return 0;
            }

            output.Table(
                ["ID", "USERNAME", "ROLE", "LOCKED UNTIL", "LAST SIGN-IN"],
                accounts.Select(a => (IReadOnlyList<string>)
                [
                    CliFormat.Invariant(a.Id), a.Username, a.Role,
                    a.LockedUntil is { } locked && locked > DateTime.UtcNow ? CliFormat.Time(locked) : "-",
                    a.LastSignInAt is { } last ? CliFormat.Time(last) : "never",
                ]));
            return 0;
        }, ct));
        return command;
    }
}
