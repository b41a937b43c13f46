using System.CommandLine;
using System.Globalization;
using Gateway.Tokens;

namespace Gateway.Cli;

/// <summary><c>gateway tokens create|list|revoke</c>.</summary>
public static class TokensCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var tokens = new Command("tokens", "Create, list and revoke client API tokens.");
        tokens.Subcommands.Add(CreateCommand(cli));
        tokens.Subcommands.Add(ListCommand(cli));
        tokens.Subcommands.Add(RevokeCommand(cli));
        return tokens;
    }

    private static Command CreateCommand(CliContext cli)
    {
        var client = new Option<long>("--client") { Description = "Client id the token acts for (a positive number).", Required = true };
        var name = new Option<string>("--name") { Description = "Name, 1-50 of A-Z a-z 0-9 - _ (unique per client).", Required = true };
        var scopes = new Option<string[]>("--scopes")
        {
            Description = $"Comma-separated scopes: {string.Join(", ", ScopeCatalog.All)}.",
            AllowMultipleArgumentsPerToken = true,
        };
        var ips = new Option<string[]>("--ips") { Description = "Comma-separated allowed IPs or CIDR ranges (default: any).", AllowMultipleArgumentsPerToken = true };
        var expires = new Option<DateOnly?>("--expires") { Description = "Last valid day, yyyy-MM-dd (valid through 23:59:59 server time)." };

        var command = new Command("create", "Create a token and print it once.") { client, name, scopes, ips, expires };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var spec = new TokenSpec
            {
                ClientId = parse.GetValue(client),
                Name = parse.GetValue(name) ?? "",
                Scopes = SplitList(parse.GetValue(scopes)),
                AllowedIps = SplitList(parse.GetValue(ips)),
                ExpiresOn = parse.GetValue(expires),
            };
            var created = await services.GetRequiredService<TokenService>().CreateAsync(spec, CliActor, ct);
            if (output.IsJson)
            {
                output.Json(new { created.Token.Id, Token = created.Plaintext, created.Token.ClientId, created.Token.Name, created.Token.Hint, created.Token.Scopes, created.Token.AllowedIps, created.Token.ExpiresOn, created.Token.Status });
                return 0;
            }

            output.Line($"Created token {created.Token.Id} '{created.Token.Name}' for client {created.Token.ClientId} (scopes: {Join(created.Token.Scopes)}).");
            output.Line();
            output.Line($"    {created.Plaintext}");
            output.Line();
            output.Line("Copy it now: it is stored only as a hash and will not be shown again.");
            return 0;
        }, ct));
        return command;
    }

    private static Command ListCommand(CliContext cli)
    {
        var client = new Option<long?>("--client") { Description = "Only this client's tokens." };
        var command = new Command("list", "List tokens (never the token or its hash).") { client };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var list = await services.GetRequiredService<TokenService>().ListAsync(parse.GetValue(client), ct);
            if (output.IsJson)
            {
                output.Json(list);
                return 0;
            }

            output.Table(
                ["ID", "CLIENT", "NAME", "HINT", "STATUS", "SCOPES", "ALLOWED IPS", "EXPIRES", "LAST USED", "CREATED"],
                list.Select(t => (IReadOnlyList<string>)
                [
                    Invariant(t.Id), Invariant(t.ClientId), t.Name, t.Hint, StatusText(t.Status), Join(t.Scopes),
                    t.AllowedIps.Count == 0 ? "any" : Join(t.AllowedIps),
                    t.ExpiresOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "never",
                    t.LastUsedAt is { } used ? $"{Time(used)} from {t.LastUsedIp}" : "never",
                    Time(t.CreatedAt),
                ]));
            return 0;
        }, ct));
        return command;
    }

    private static Command RevokeCommand(CliContext cli)
    {
        var id = new Argument<long>("id") { Description = "Token id (see `tokens list`)." };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record." };
        var command = new Command("revoke", "Revoke a token now; its next request gets 401.") { id, reason };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var revoked = await services.GetRequiredService<TokenService>().RevokeAsync(parse.GetValue(id), CliActor, parse.GetValue(reason), ct);
            if (revoked is null)
            {
                output.Error($"no token with id {parse.GetValue(id)}.");
                return 1;
            }

            if (output.IsJson)
            {
                output.Json(revoked);
            }
            else
            {
                output.Line($"Revoked token {revoked.Id} '{revoked.Name}' of client {revoked.ClientId}.");
            }

            return 0;
        }, ct));
        return command;
    }

    private static string CliActor => $"cli:{Environment.UserName}";

    private static string[] SplitList(string[]? values) =>
        values is null ? [] : [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static string Join(IEnumerable<string> values) => values.Any() ? string.Join(",", values) : "-";

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string StatusText(TokenStatus status) => status switch
    {
        TokenStatus.ExpiringSoon => "expiring soon",
        _ => status.ToString().ToLowerInvariant(),
    };
}
