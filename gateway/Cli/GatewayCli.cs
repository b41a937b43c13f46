using System.CommandLine;

namespace Gateway.Cli;

/// <summary>
/// The <c>gateway</c> command line: <c>serve</c> (the default) runs the server; the other commands manage
/// the same store the server uses, through the same token services.
/// </summary>
public static class GatewayCli
{
    private static readonly string[] Commands = ["tokens", "roles", "clients", "admin", "audit", "migrate", "health"];

    /// <summary>True when the arguments name a management command rather than the server.</summary>
    public static bool IsCommand(string[] args) =>
        args is [var first, ..] && (Commands.Contains(first, StringComparer.Ordinal) || first is "-h" or "--help" or "--version");

    /// <summary>The arguments for the server: <c>serve</c> is optional, the rest is host configuration.</summary>
    public static string[] ServeArguments(string[] args) =>
        args is ["serve", .. var rest] ? rest : args;

    /// <summary>Runs a management command; <paramref name="output"/>, <paramref name="error"/> and <paramref name="input"/> default to the console.</summary>
    /// <param name="configuration">Settings laid over appsettings.json and the environment (an in-process caller's own store).</param>
    public static Task<int> RunAsync(
        string[] args,
        TextWriter? output = null,
        TextWriter? error = null,
        TextReader? input = null,
        IReadOnlyDictionary<string, string?>? configuration = null)
    {
        var data = new Option<string?>("--data")
        {
            Description = "Data folder of the store (default: Gateway:Storage:DataPath, i.e. ./data).",
            Recursive = true,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Machine-readable JSON output.",
            Recursive = true,
        };

        var root = new RootCommand("Token gateway: `gateway` or `gateway serve` runs the server; the commands below manage its store.");
        root.Options.Add(data);
        root.Options.Add(json);
        root.Subcommands.Add(new Command("serve", "Run the gateway (the default when no command is given)."));
        var cli = new CliContext(data, json) { Input = input, Configuration = configuration };
        var migrate = new Command("migrate", "Apply the store's pending migrations and exit (for deploys that set Gateway:Storage:MigrateOnStart=false).");
        migrate.SetAction((parse, cancellationToken) => cli.RunAsync(parse, (_, output) =>
        {
            output.Line("The store is up to date.");
            return Task.FromResult(0);
        }, cancellationToken, migrate: true));
        root.Subcommands.Add(migrate);
        root.Subcommands.Add(TokensCommand.Create(cli));
        root.Subcommands.Add(RolesCommand.Create(cli));
        root.Subcommands.Add(ClientsCommand.Create(cli));
        root.Subcommands.Add(AdminCommand.Create(cli));
        root.Subcommands.Add(AuditCommand.Create(cli));
        root.Subcommands.Add(HealthCommand.Create());
        var invocation = new InvocationConfiguration();
        if (output is not null)
        {
            invocation.Output = output;
        }

        if (error is not null)
        {
            invocation.Error = error;
        }

        var parse = root.Parse(args);
        if (parse.Action is System.CommandLine.Invocation.ParseErrorAction parseError && args.Contains("--json"))
        {
            // Scripts read stdout as JSON: the error goes to stderr, the help text not at all.
            parseError.ShowHelp = false;
        }

        return parse.InvokeAsync(invocation);
    }
}
