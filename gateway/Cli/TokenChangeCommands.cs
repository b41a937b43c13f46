using System.CommandLine;
using Gateway.Tokens;

namespace Gateway.Cli;

/// <summary><c>gateway tokens edit|roll|revoke|revoke-all|delete</c>.</summary>
public static class TokenChangeCommands
{
    public static IEnumerable<Command> Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        yield return Edit(cli);
        yield return Roll(cli);
        yield return Revoke(cli);
        yield return RevokeAll(cli);
        yield return Delete(cli);
    }

    private static Argument<long> Id() => new("id") { Description = "Token id (see `tokens list`)." };

    private static Command Edit(CliContext cli)
    {
        var id = Id();
        var name = new Option<string?>("--name") { Description = "New name." };
        var scopes = CliOptions.List("--scopes", "New scopes (replaces the list; \"\" for none).");
        var roles = CliOptions.List("--roles", "New roles (replaces the list; \"\" for none).");
        var ips = CliOptions.List("--ips", "New allowed IPs/CIDR ranges (replaces the list; \"\" for any).");
        var expires = CliOptions.Expires();
        var rateLimit = CliOptions.RateLimit();
        var command = new Command("edit", "Change a token's name, scopes, roles, allowed IPs, expiry or rate limit.") { id, name, scopes, roles, ips, expires, rateLimit };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var edit = new TokenEdit
            {
                Name = parse.GetValue(name),
                Scopes = CliOptions.ListIfGiven(parse, scopes),
                Roles = CliOptions.ListIfGiven(parse, roles),
                AllowedIps = CliOptions.ListIfGiven(parse, ips),
                ExpiresOn = parse.GetValue(expires),
                RateLimitPerMinute = parse.GetValue(rateLimit),
            };
            var token = await services.GetRequiredService<TokenService>().EditAsync(parse.GetValue(id), edit, TokensCommand.CliActor, ct);
            return output.Result(token, $"no token with id {parse.GetValue(id)}.", t => CliFormat.TokenDetails(output, t));
        }, ct));
        return command;
    }

    private static Command Roll(CliContext cli)
    {
        var id = Id();
        var overlap = CliOptions.Overlap();
        var command = new Command("roll", "Issue a replacement with the same settings (shown once); the old token works until the overlap ends.") { id, overlap };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var created = await services.GetRequiredService<TokenService>().RollAsync(parse.GetValue(id), parse.GetValue(overlap), TokensCommand.CliActor, ct);
            if (created is null)
            {
                output.Error($"no token with id {parse.GetValue(id)}.");
                return 1;
            }

            TokensCommand.PrintCreated(output, created, $"Rolled token {parse.GetValue(id)}; new");
            return 0;
        }, ct));
        return command;
    }

    private static Command Revoke(CliContext cli)
    {
        var id = Id();
        var reason = new Option<string?>("--reason") { Description = "Why, for the record." };
        var command = new Command("revoke", "Revoke a token now; its next request gets 401.") { id, reason };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var token = await services.GetRequiredService<TokenService>().RevokeAsync(parse.GetValue(id), TokensCommand.CliActor, parse.GetValue(reason), ct);
            return output.Result(token, $"no token with id {parse.GetValue(id)}.", t => output.Line($"Revoked token {t.Id} '{t.Name}' of client {t.ClientId}."));
        }, ct));
        return command;
    }

    private static Command RevokeAll(CliContext cli)
    {
        var client = new Option<long>("--client") { Description = "The client whose live tokens are all revoked.", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record." };
        var command = new Command("revoke-all", "Revoke every live token of a client.") { client, reason };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var revoked = await services.GetRequiredService<TokenService>().RevokeAllAsync(parse.GetValue(client), TokensCommand.CliActor, parse.GetValue(reason), ct);
            if (output.IsJson)
            {
                output.Json(new { ClientId = parse.GetValue(client), Revoked = revoked.Select(t => t.Id) });
            }
            else
            {
                output.Line($"Revoked {revoked.Count} token(s) of client {parse.GetValue(client)}{(revoked.Count == 0 ? "" : ": " + string.Join(", ", revoked.Select(t => t.Id)))}.");
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command Delete(CliContext cli)
    {
        var id = Id();
        var command = new Command("delete", "Delete an expired or revoked token from the store.") { id };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var token = await services.GetRequiredService<TokenService>().DeleteAsync(parse.GetValue(id), TokensCommand.CliActor, ct);
            return output.Result(token, $"no token with id {parse.GetValue(id)}.", t => output.Line($"Deleted token {t.Id} '{t.Name}' of client {t.ClientId}."));
        }, ct));
        return command;
    }
}
