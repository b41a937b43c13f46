using System.CommandLine;
using Gateway.Tokens;

namespace Gateway.Cli;

/// <summary><c>gateway tokens create|list|show</c>, and the change commands of <see cref="TokenChangeCommands"/>.</summary>
public static class TokensCommand
{
    public const string Actor = "cli";

    public static string CliActor => $"{Actor}:{Environment.UserName}";

    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var tokens = new Command("tokens", "Create, list, show, edit, roll, revoke and delete client API tokens.");
        tokens.Subcommands.Add(CreateCommand(cli));
        tokens.Subcommands.Add(ListCommand(cli));
        tokens.Subcommands.Add(ShowCommand(cli));
        tokens.Subcommands.Add(SeedCommand(cli));
        foreach (var command in TokenChangeCommands.Create(cli))
        {
            tokens.Subcommands.Add(command);
        }

        return tokens;
    }

    private static Command CreateCommand(CliContext cli)
    {
        var client = new Option<long>("--client") { Description = "Client id the token acts for (a positive number).", Required = true };
        var name = new Option<string>("--name") { Description = "Name, 1-50 characters: letters, digits, spaces, - _ . (unique per client).", Required = true };
        var scopes = CliOptions.List("--scopes", $"Comma-separated scopes: {string.Join(", ", ScopeCatalog.All)}.");
        var roles = CliOptions.List("--roles", "Comma-separated role names (see `roles list`).");
        var ips = CliOptions.List("--ips", "Comma-separated allowed IPs or CIDR ranges (default: any).");
        var expires = CliOptions.Expires();
        var rateLimit = CliOptions.RateLimit();

        var command = new Command("create", "Create a token and print it once.") { client, name, scopes, roles, ips, expires, rateLimit };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var spec = new TokenSpec
            {
                ClientId = parse.GetValue(client),
                Name = parse.GetValue(name) ?? "",
                Scopes = CliFormat.SplitList(parse.GetValue(scopes)),
                Roles = CliFormat.SplitList(parse.GetValue(roles)),
                AllowedIps = CliFormat.SplitList(parse.GetValue(ips)),
                ExpiresOn = parse.GetValue(expires)?.Value,
                NeverExpires = parse.GetValue(expires) is { Value: null },
                RateLimitPerMinute = parse.GetValue(rateLimit)?.Value,
            };
            var created = await services.GetRequiredService<TokenService>().CreateAsync(spec, CliActor, ct);
            PrintCreated(output, created, "Created");
            return 0;
        }, ct));
        return command;
    }

    /// <summary>Prints a new token's plaintext, the only time anyone sees it.</summary>
    public static void PrintCreated(CliOutput output, CreatedToken created, string verb)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(created);
        var t = created.Token;
        if (output.IsJson)
        {
            output.Json(new { t.Id, Token = created.Plaintext, t.ClientId, t.Name, t.Hint, t.Scopes, t.Roles, t.AllowedIps, t.ExpiresOn, t.RateLimitPerMinute, t.Status });
            return;
        }

        output.Line($"{verb} token {t.Id} '{t.Name}' for client {t.ClientId} (scopes: {CliFormat.Join(t.Scopes)}; roles: {CliFormat.Join(t.Roles)}).");
        output.Line();
        output.Line($"    {created.Plaintext}");
        output.Line();
        output.Line("Copy it now: it is stored only as a hash and will not be shown again.");
    }

    private static Command ListCommand(CliContext cli)
    {
        var client = new Option<long?>("--client") { Description = "Only this client's tokens." };
        var command = new Command("list", "List tokens with their status (never the token or its hash).") { client };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var list = await services.GetRequiredService<TokenService>().ListAsync(parse.GetValue(client), ct);
            if (output.IsJson)
            {
                output.Json(list);
            }
            else
            {
                output.Table(CliFormat.TokenColumns, list.Select(CliFormat.TokenRow));
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command ShowCommand(CliContext cli)
    {
        var id = new Argument<long>("id") { Description = "Token id (see `tokens list`)." };
        var command = new Command("show", "Show one token (never the token or its hash).") { id };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var token = await services.GetRequiredService<TokenService>().GetAsync(parse.GetValue(id), ct);
            return output.Result(token, $"no token with id {parse.GetValue(id)}.", t => CliFormat.TokenDetails(output, t));
        }, ct));
        return command;
    }

    // For load tests only (bench/run.sh), hence hidden from help: real tokens nobody holds, to size the store.
    private static Command SeedCommand(CliContext cli)
    {
        var count = new Option<int>("--count") { Description = "How many tokens to insert.", Required = true };
        var client = new Option<long>("--client") { Description = "Client id that owns them.", DefaultValueFactory = _ => 999_999 };
        var command = new Command("seed", "Insert N throwaway tokens (stored as SHA-256; plaintexts discarded) for load tests.") { count, client };
        command.Hidden = true;
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var n = parse.GetValue(count);
            if (n <= 0)
            {
                output.Error("--count must be a positive number.");
                return 1;
            }

            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var written = await services.GetRequiredService<TokenSeeder>().SeedAsync(n, parse.GetValue(client), CliActor, ct);
            var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (output.IsJson)
            {
                output.Json(new { Seeded = written, Seconds = Math.Round(elapsed.TotalSeconds, 1) });
            }
            else
            {
                output.Line($"Seeded {written} tokens in {elapsed.TotalSeconds:0.0} s.");
            }

            return 0;
        }, ct));
        return command;
    }
}
