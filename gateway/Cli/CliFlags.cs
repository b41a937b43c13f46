using System.CommandLine;

namespace Gateway.Cli;

/// <summary>
/// Names a refused field as the user typed it: the services name fields as the admin API does (<c>clientId</c>,
/// <c>expiresOn</c>), the command line has <c>--client</c>, <c>--expires</c> or an argument such as <c>&lt;username&gt;</c>.
/// </summary>
public static class CliFlags
{
    // Service field -> the command-line option that sets it, where the names differ.
    private static readonly Dictionary<string, string> Options = new(StringComparer.Ordinal)
    {
        ["clientId"] = "--client",
        ["allowedIps"] = "--ips",
        ["expiresOn"] = "--expires",
        ["rateLimitPerMinute"] = "--rate-limit",
        ["overlapSeconds"] = "--overlap",
        ["name"] = "--name",
        ["portalAllowed"] = "--portal",
        ["portalScopes"] = "--scopes",
        ["maxLiveTokens"] = "--max-tokens",
        ["maxLifetimeDays"] = "--max-lifetime",
    };

    /// <summary>The errors keyed by what <paramref name="command"/> calls each field.</summary>
    public static IReadOnlyDictionary<string, string[]> Rename(IReadOnlyDictionary<string, string[]> errors, Command command)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(command);
        var renamed = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (field, messages) in errors)
        {
            var name = For(field, command);
            renamed[name] = renamed.TryGetValue(name, out var earlier) ? [.. earlier, .. messages] : messages;
        }

        return renamed;
    }

    private static string For(string field, Command command)
    {
        if (command.Arguments.FirstOrDefault(a => string.Equals(a.Name, field, StringComparison.OrdinalIgnoreCase)) is { } argument)
        {
            return $"<{argument.Name}>";
        }

        var option = Options.TryGetValue(field, out var known) ? known : "--" + Kebab(field);
        if (command.Options.Any(o => o.Name == option || o.Aliases.Contains(option)))
        {
            return option;
        }

        // Read from stdin or the prompt, not a flag.
        return field == "password" ? "password (stdin)" : option;
    }

    private static string Kebab(string field) =>
        string.Concat(field.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
