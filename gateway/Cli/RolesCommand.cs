using System.CommandLine;
using Gateway.Tokens;

namespace Gateway.Cli;

/// <summary><c>gateway roles create|list|edit|delete</c>: named scope sets tokens can hold.</summary>
public static class RolesCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var roles = new Command("roles", "Create, list, edit and delete roles (named sets of scopes).");
        roles.Subcommands.Add(CreateCommand(cli));
        roles.Subcommands.Add(ListCommand(cli));
        roles.Subcommands.Add(EditCommand(cli));
        roles.Subcommands.Add(DeleteCommand(cli));
        return roles;
    }

    private static Argument<string> Name() => new("name") { Description = "Role name." };

    private static Command CreateCommand(CliContext cli)
    {
        var name = Name();
        var scopes = CliOptions.List("--scopes", "Comma-separated scopes of the catalogue (scopes.json), e.g. account:read,hosting:read.");
        var description = new Option<string?>("--description") { Description = "What the role is for." };
        var command = new Command("create", "Create a role.") { name, scopes, description };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var spec = new RoleSpec { Name = parse.GetValue(name) ?? "", Scopes = CliFormat.SplitList(parse.GetValue(scopes)), Description = parse.GetValue(description) };
            var role = await services.GetRequiredService<RoleService>().CreateAsync(spec, TokensCommand.CliActor, ct);
            return output.Result(role, "", r => output.Line($"Created role '{r.Name}' (scopes: {CliFormat.Join(r.Scopes)})."));
        }, ct));
        return command;
    }

    private static Command ListCommand(CliContext cli)
    {
        var command = new Command("list", "List roles with the number of tokens holding each.");
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var roles = await services.GetRequiredService<RoleService>().ListAsync(ct);
            if (output.IsJson)
            {
                output.Json(roles);
            }
            else
            {
                output.Table(
                    ["NAME", "SCOPES", "TOKENS", "DESCRIPTION"],
                    roles.Select(r => (IReadOnlyList<string>)[r.Name, CliFormat.Join(r.Scopes), CliFormat.Invariant(r.TokenCount), r.Description ?? ""]));
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command EditCommand(CliContext cli)
    {
        var name = Name();
        var rename = new Option<string?>("--rename") { Description = "New name." };
        var scopes = CliOptions.List("--scopes", "New scopes (replaces the list; \"\" for none).");
        var description = new Option<string?>("--description") { Description = "New description." };
        var command = new Command("edit", "Change a role; every token holding it changes with it.") { name, rename, scopes, description };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var service = services.GetRequiredService<RoleService>();
            var current = await service.GetAsync(parse.GetValue(name)!, ct);
            if (current is null)
            {
                output.Error($"no role named '{parse.GetValue(name)}'.");
                return 1;
            }

            var spec = new RoleSpec
            {
                Name = parse.GetValue(rename) ?? current.Name,
                Scopes = CliOptions.ListIfGiven(parse, scopes) ?? current.Scopes,
                Description = parse.GetResult(description) is null ? current.Description : parse.GetValue(description),
            };
            var role = await service.EditAsync(current.Name, spec, TokensCommand.CliActor, ct);
            return output.Result(role, $"no role named '{current.Name}'.", r => output.Line($"Role '{r.Name}' now grants {CliFormat.Join(r.Scopes)} to {r.TokenCount} token(s)."));
        }, ct));
        return command;
    }

    private static Command DeleteCommand(CliContext cli)
    {
        var name = Name();
        var command = new Command("delete", "Delete a role; every token holding it loses it.") { name };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var role = await services.GetRequiredService<RoleService>().DeleteAsync(parse.GetValue(name)!, TokensCommand.CliActor, ct);
            return output.Result(role, $"no role named '{parse.GetValue(name)}'.", r => output.Line($"Deleted role '{r.Name}'; {r.TokenCount} token(s) lost it."));
        }, ct));
        return command;
    }
}
