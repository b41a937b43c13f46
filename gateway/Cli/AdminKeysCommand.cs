using System.CommandLine;
using Gateway.Staff;

namespace Gateway.Cli;

/// <summary><c>gateway staff keys create|list|revoke</c> (also under <c>admin</c>): keys for scripts that call the admin API, each owned by a staff account.</summary>
public static class AdminKeysCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var keys = new Command("keys", "Admin API keys (opt_admin_…), with the admin or auditor role.");

        var name = new Option<string>("--name") { Description = "What the key is for.", Required = true };
        var role = new Option<string>("--role") { Description = "admin or auditor (at most the owner's role).", DefaultValueFactory = _ => StaffRoles.Auditor };
        var owner = new Option<string>("--owner") { Description = "The staff account the key belongs to: it stops working when that account is disabled or deleted.", Required = true };
        var create = new Command("create", "Create a key and print it once.") { name, role, owner };
        create.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var account = await services.GetRequiredService<StaffService>().FindAsync(parse.GetValue(owner), ct);
            if (account is null)
            {
                output.Error($"--owner: no staff account named '{parse.GetValue(owner)}' (see `gateway staff list`).");
                return 1;
            }

            var (key, plaintext) = await services.GetRequiredService<AdminKeyService>().CreateAsync(parse.GetValue(name)!, parse.GetValue(role)!, account.Id, TokensCommand.CliActor, ct);
            if (output.IsJson)
            {
                output.Json(new { key.Id, Key = plaintext, key.Name, key.Role, key.Owner, key.Hint });
                return 0;
            }

            output.Line($"Created {key.Role} key {key.Id} '{key.Name}' owned by '{key.Owner}'. Use it as 'Authorization: Bearer <key>' on the admin listener:");
            output.Line();
            output.Line($"    {plaintext}");
            output.Line();
            output.Line("Copy it now: it is stored only as a hash and will not be shown again.");
            return 0;
        }, ct));

        var list = new Command("list", "List admin API keys.");
        list.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var all = await services.GetRequiredService<AdminKeyService>().ListAsync(ct);
            if (output.IsJson)
            {
                output.Json(all);
                return 0;
            }

            output.Table(
                ["ID", "NAME", "HINT", "OWNER", "ROLE", "CREATED", "REVOKED", "LAST USED"],
                all.Select(k => (IReadOnlyList<string>)
                [
                    CliFormat.Invariant(k.Id), k.Name, k.Hint, k.Owner ?? "(deleted)", k.Role, CliFormat.Time(k.CreatedAt),
                    k.RevokedAt is { } revoked ? CliFormat.Time(revoked) : "-",
                    k.LastUsedAt is { } used ? CliFormat.Time(used) : "never",
                ]));
            return 0;
        }, ct));

        var id = new Argument<long>("id") { Description = "Key id (see `staff keys list`)." };
        var revoke = new Command("revoke", "Revoke a key now.") { id };
        revoke.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var key = await services.GetRequiredService<AdminKeyService>().RevokeAsync(parse.GetValue(id), TokensCommand.CliActor, ct);
            return output.Result(key, $"no admin key with id {parse.GetValue(id)}.", k => output.Line($"Revoked admin key {k.Id} '{k.Name}'."));
        }, ct));

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(list);
        keys.Subcommands.Add(revoke);
        return keys;
    }
}
