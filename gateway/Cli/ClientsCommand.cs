using System.CommandLine;
using System.Globalization;
using Gateway.Clients;
using Gateway.Tokens;

namespace Gateway.Cli;

/// <summary><c>gateway clients list|show|policy|suspend|resume|close</c>: what a billing client may do, and its state.</summary>
public static class ClientsCommand
{
    public static Command Create(CliContext cli)
    {
        ArgumentNullException.ThrowIfNull(cli);
        var clients = new Command("clients", "Show and set a client's portal policy; suspend, resume or close a client.");
        clients.Subcommands.Add(ListCommand(cli));
        clients.Subcommands.Add(ShowCommand(cli));
        clients.Subcommands.Add(PolicyCommand(cli));
        clients.Subcommands.Add(StateCommand(cli, "suspend", "Suspend: every token of the client answers 401 until resumed; portal sessions end.", (s, id, reason, ct) => s.SuspendAsync(id, TokensCommand.CliActor, reason, ct)));
        clients.Subcommands.Add(StateCommand(cli, "resume", "Resume: tokens that were not revoked work again.", (s, id, reason, ct) => s.ResumeAsync(id, TokensCommand.CliActor, reason, ct)));
        clients.Subcommands.Add(StateCommand(cli, "close", "Close: revoke every token of the client (reason client_closed); no new ones.", (s, id, reason, ct) => s.CloseAsync(id, TokensCommand.CliActor, reason, ct)));
        return clients;
    }

    private static Argument<long> Id() => new("client") { Description = "The billing system's client id." };

    private static Command ListCommand(CliContext cli)
    {
        var command = new Command("list", "Clients with a stored policy or state (every other client has the defaults and is active).");
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var list = await services.GetRequiredService<ClientService>().ListAsync(ct);
            if (output.IsJson)
            {
                output.Json(list);
            }
            else
            {
                output.Table(["CLIENT", "STATE", "PORTAL", "SCOPES", "MAX TOKENS", "MAX LIFETIME", "LIVE TOKENS"], list.Select(Row));
            }

            return 0;
        }, ct));
        return command;
    }

    private static Command ShowCommand(CliContext cli)
    {
        var id = Id();
        var command = new Command("show", "Show a client's policy, state and live token count.") { id };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var client = await services.GetRequiredService<ClientService>().GetAsync(parse.GetValue(id), ct);
            return output.Result(client, "", c => Details(output, c));
        }, ct));
        return command;
    }

    private static Command PolicyCommand(CliContext cli)
    {
        var id = Id();
        var portal = new Option<string?>("--portal") { Description = "allow or deny the client portal." };
        portal.AcceptOnlyFromAmong("allow", "deny");
        var scopes = CliOptions.List("--scopes", $"Scopes the client may grant in the portal, comma-separated ({string.Join(", ", ScopeCatalog.All)}), or 'all'.");
        var maxTokens = new Option<int?>("--max-tokens") { Description = $"Most live tokens through the portal (default {ClientPolicy.DefaultMaxLiveTokens})." };
        var maxLifetime = new Option<string?>("--max-lifetime") { Description = "Longest token lifetime in days on every path (e.g. 90), or 'none'." };
        var command = new Command("policy", "Change what the client may do; options not given stay as they are.") { id, portal, scopes, maxTokens, maxLifetime };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var edit = new ClientPolicyEdit
            {
                PortalAllowed = parse.GetValue(portal) is { } p ? p == "allow" : null,
                PortalScopes = CliOptions.ListIfGiven(parse, scopes) is { } list ? new Change<IReadOnlyList<string>?>(list is ["all"] ? null : list) : null,
                MaxLiveTokens = parse.GetValue(maxTokens),
                MaxLifetimeDays = parse.GetValue(maxLifetime) is { } text ? new Change<int?>(ParseDays(text)) : null,
            };
            var client = await services.GetRequiredService<ClientService>().SetPolicyAsync(parse.GetValue(id), edit, TokensCommand.CliActor, ct);
            return output.Result(client, "", c => Details(output, c));
        }, ct));
        return command;
    }

    private static Command StateCommand(CliContext cli, string name, string description, Func<ClientService, long, string?, CancellationToken, Task<ClientView>> change)
    {
        var id = Id();
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit log)." };
        var command = new Command(name, description) { id, reason };
        command.SetAction((parse, ct) => cli.RunAsync(parse, async (services, output) =>
        {
            var client = await change(services.GetRequiredService<ClientService>(), parse.GetValue(id), parse.GetValue(reason), ct);
            return output.Result(client, "", c => Details(output, c));
        }, ct));
        return command;
    }

    private static int? ParseDays(string text) =>
        text is "none" or "never" ? null
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) ? days
        : throw TokenRules.Invalid("--max-lifetime", $"'{text}' is not a number of days or 'none'.");

    private static IReadOnlyList<string> Row(ClientView c) =>
    [
        CliFormat.Invariant(c.ClientId), State(c.State), c.Policy.PortalAllowed ? "allowed" : "denied", CliFormat.Join(c.GrantableScopes),
        c.Policy.MaxLiveTokens.ToString(CultureInfo.InvariantCulture), Lifetime(c.Policy.MaxLifetimeDays), c.LiveTokens.ToString(CultureInfo.InvariantCulture),
    ];

    private static void Details(CliOutput output, ClientView c)
    {
        output.Line($"client:        {c.ClientId}");
        output.Line($"state:         {State(c.State)}{(c.StateChangedAt is { } at ? $" since {CliFormat.Time(at)} by {c.StateChangedBy}" : "")}{(c.StateReason is null ? "" : $" ({c.StateReason})")}");
        output.Line($"portal:        {(c.Policy.PortalAllowed ? "allowed" : "denied")}");
        output.Line($"portal scopes: {(c.Policy.PortalScopes is null ? "all" : CliFormat.Join(c.GrantableScopes))}");
        output.Line($"max tokens:    {c.Policy.MaxLiveTokens}");
        output.Line($"max lifetime:  {Lifetime(c.Policy.MaxLifetimeDays)}");
        output.Line($"live tokens:   {c.LiveTokens}");
    }

    private static string State(ClientState state) => state.ToString().ToLowerInvariant();

    private static string Lifetime(int? days) => days is { } d ? $"{d} days" : "none";
}
