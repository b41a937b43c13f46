using System.CommandLine;
using Gateway.Data;

namespace Gateway.Cli;

/// <summary>
/// The <c>gateway</c> command line: <c>serve</c> (the default) runs the server; the other commands manage
/// the same store the server uses, through the same token services.
/// </summary>
public static class GatewayCli
{
    /// <summary>
    /// True unless the arguments ask for the server: nothing, <c>serve</c>, or host settings (<c>--Key=value</c>,
    /// <c>Key=value</c>), each possibly after the global options (<c>--data D</c>, <c>--json</c>). Anything else is a
    /// command, and an unknown word gets the command line's error rather than a server started by a typo.
    /// </summary>
    public static bool IsCommand(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var word = WithoutGlobalOptions(args).FirstOrDefault();
        return word is "-h" or "--help" or "-?" or "--version" || (word is not null && word != "serve" && !IsHostSetting(word));
    }

    /// <summary>The arguments for the server: <c>serve</c> is optional, <c>--data D</c> selects the store, the rest is host configuration.</summary>
    public static string[] ServeArguments(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var rest = WithoutGlobalOptions(args);
        if (rest is ["serve", ..])
        {
            rest = rest[1..];
        }

        return DataOption(args) is { } data ? [.. rest, $"--{StorageOptions.Section}:{nameof(StorageOptions.DataPath)}={data}"] : rest;
    }

    private static bool IsHostSetting(string word) => word.StartsWith('-') || word.Contains('=', StringComparison.Ordinal);

    private static string[] WithoutGlobalOptions(string[] args)
    {
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--json" || args[i].StartsWith("--data=", StringComparison.Ordinal))
            {
                continue;
            }

            if (args[i] == "--data")
            {
                i++;
                continue;
            }

            rest.Add(args[i]);
        }

        return [.. rest];
    }

    private static string? DataOption(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--data" && i + 1 < args.Length)
            {
                return args[i + 1];
            }

            if (args[i].StartsWith("--data=", StringComparison.Ordinal))
            {
                return args[i]["--data=".Length..];
            }
        }

        return null;
    }

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
        root.Subcommands.Add(StaffCommand.Create(cli));
        root.Subcommands.Add(StaffCommand.CreateAdminAlias(cli));
        root.Subcommands.Add(ClientsCommand.Create(cli));
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
