using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Gateway.Tokens;

namespace Gateway.Cli;

/// <summary>Options shared by several token and role commands, with their parsing and messages.</summary>
public static class CliOptions
{
    public static Option<string[]> List(string name, string description) =>
        new(name) { Description = description, AllowMultipleArgumentsPerToken = true };

    // Parsed values are wrapped in Change<T>: System.CommandLine cannot hand back a custom parser's null.
    public static Option<Change<DateOnly?>?> Expires() => new("--expires")
    {
        Description = "Last valid day, yyyy-MM-dd (valid through 23:59:59 server time), or 'never' (default on create: today + 1 year).",
        CustomParser = result =>
        {
            var text = Single(result);
            if (CliFormat.TryParseExpiry(text, out var expiry))
            {
                return new Change<DateOnly?>(expiry);
            }

            result.AddError($"--expires: '{text}' is not a date (yyyy-MM-dd) or 'never'.");
            return null;
        },
    };

    public static Option<Change<int?>?> RateLimit() => new("--rate-limit")
    {
        Description = "Requests per minute for this token, or 'default' for the configured limit.",
        CustomParser = result =>
        {
            var text = Single(result);
            if (text == "default")
            {
                return new Change<int?>(null);
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit > 0)
            {
                return new Change<int?>(limit);
            }

            result.AddError($"--rate-limit: '{text}' is not a positive number or 'default'.");
            return null;
        },
    };

    public static Option<TimeSpan> Overlap() => new("--overlap")
    {
        Description = "How long the old token keeps working beside the new one: 0 (default), 30m, 24h, 7d … (at most 30 days).",
        DefaultValueFactory = _ => TimeSpan.Zero,
        CustomParser = result =>
        {
            var text = Single(result);
            if (CliFormat.TryParseDuration(text, out var overlap))
            {
                return overlap;
            }

            result.AddError($"--overlap: '{text}' is not a duration such as 0, 30m, 24h or 7d.");
            return TimeSpan.Zero;
        },
    };

    /// <summary>The option's list if it was given (an empty string clears it), else null.</summary>
    public static IReadOnlyList<string>? ListIfGiven(ParseResult parse, Option<string[]> option)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetResult(option) is null ? null : CliFormat.SplitList(parse.GetValue(option));
    }

    private static string Single(ArgumentResult result) => result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
}
