using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Gateway.Tests.Docs;

/// <summary>
/// docs/configuration.md held against the options classes: each check returns one line per problem, naming the key and
/// what to change. A row is a table row whose first cell is one code span, the full key (<c>`Gateway:Storage:Provider`</c>);
/// its cells are setting, type, default, allowed values, what it does.
/// </summary>
internal sealed partial class ConfigurationReference
{
    public const string Page = "docs/configuration.md";

    private readonly IReadOnlyList<Row> _rows;
    private readonly IReadOnlyList<OptionsSetting> _settings;
    private readonly IReadOnlyDictionary<string, string?> _appSettings;

    public ConfigurationReference(MarkdownFile page, IReadOnlyList<OptionsSetting> settings, IReadOnlyDictionary<string, string?> appSettings)
    {
        ArgumentNullException.ThrowIfNull(page);
        _rows = [.. page.TableRows().Select(Row.From).OfType<Row>()];
        _settings = settings;
        _appSettings = appSettings;
        OptionRoots = [.. settings.Select(s => s.Key.Split(':')[0]).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>First key segments that belong to options classes (<c>Gateway</c>, <c>Scopes</c>): rows under them must name a property.</summary>
    public IReadOnlyList<string> OptionRoots { get; }

    public IReadOnlyList<Row> Rows => _rows;

    /// <summary>The real page, the given settings (the real host's options classes) and the real gateway/appsettings.json.</summary>
    public static ConfigurationReference Load(string root, IReadOnlyList<OptionsSetting> settings)
    {
        var appSettings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(root, "gateway", "appsettings.json"), optional: false)
            .Build()
            .AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        return new ConfigurationReference(MarkdownFile.Read(Path.Combine(root, Page)), settings, appSettings);
    }

    /// <summary>Options properties without a row.</summary>
    public IEnumerable<string> MissingRows()
    {
        var documented = _rows.Select(r => r.Pattern).ToHashSet(StringComparer.Ordinal);
        return _settings
            .Where(s => !documented.Contains(s.Key))
            .Select(s => $"`{Shown(s.Key)}` ({s.Declared}) has no row in {Page}: add `| `{Shown(s.Key)}` | {TypeWord(s.Type)} | {Shown(s)} | … | … |` "
                + $"to the table of its section.");
    }

    /// <summary>Rows under an options root that name no options property, and keys with two rows.</summary>
    public IEnumerable<string> StaleRows()
    {
        var keys = _settings.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var row in _rows.Where(r => OptionRoots.Contains(r.Key.Split(':')[0], StringComparer.Ordinal) && !keys.Contains(r.Pattern)))
        {
            yield return $"{Page} has a row for `{row.Key}`, but no options class has that setting (renamed or removed?): fix or remove the row.";
        }

        foreach (var twice in _rows.GroupBy(r => r.Pattern, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"{Page} has {twice.Count()} rows for `{twice.First().Key}`: keep one.";
        }
    }

    /// <summary>Documented defaults that differ from the property initializers (where appsettings.json sets no value).</summary>
    public IEnumerable<string> WrongDefaults()
    {
        foreach (var (setting, row) in Documented())
        {
            if (!setting.Key.Contains("<>", StringComparison.Ordinal) && _appSettings.ContainsKey(setting.Key))
            {
                continue; // appsettings.json wins; AppSettingsProblems checks that value.
            }

            if (!DefaultMatches(setting, row.Default))
            {
                yield return $"`{row.Key}`: {Page} gives the default as '{row.Default}', but {setting.Declared} defaults to {Shown(setting)}.";
            }
        }
    }

    /// <summary>Type words, enum values and [Range] bounds the rows must show.</summary>
    public IEnumerable<string> WrongTypesOrAllowedValues()
    {
        foreach (var (setting, row) in Documented())
        {
            var word = TypeWord(setting.Type);
            if (!string.Equals(row.Type, word, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"`{row.Key}`: the type is '{row.Type}' in {Page}, but {setting.Declared} has type '{word}'.";
            }

            var spans = MarkdownFile.CodeSpans(row.Allowed);
            if (setting.Type.IsEnum)
            {
                foreach (var name in Enum.GetNames(setting.Type).Where(n => !spans.Contains(n, StringComparer.Ordinal)))
                {
                    yield return $"`{row.Key}`: the allowed values in {Page} miss `{name}` ({setting.Type.Name}).";
                }
            }

            if (setting.Property.GetCustomAttribute<RangeAttribute>() is { } range)
            {
                var allowed = spans.Select(s => Parse(setting.Type, s)).Where(v => v is not null).ToList();
                foreach (var bound in new[] { range.Minimum, range.Maximum }.Select(b => Parse(setting.Type, Convert.ToString(b, CultureInfo.InvariantCulture)!)))
                {
                    if (!allowed.Contains(bound))
                    {
                        yield return $"`{row.Key}`: {setting.Declared} accepts {range.Minimum}–{range.Maximum}; "
                            + $"the allowed values in {Page} must give both bounds as code (`{range.Minimum}`–`{range.Maximum}`).";
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Keys gateway/appsettings.json sets: each needs a row whose default is the value it sets.</summary>
    public IEnumerable<string> AppSettingsProblems()
    {
        foreach (var (key, value) in _appSettings)
        {
            var row = _rows.FirstOrDefault(r => r.Matches(key));
            if (row is null)
            {
                yield return $"gateway/appsettings.json sets `{key}` = '{value}', but {Page} has no row for it.";
            }
            else if (MarkdownFile.CodeSpans(row.Default) is not [var documented, ..] || !string.Equals(documented, value, StringComparison.OrdinalIgnoreCase))
            {
                yield return $"`{row.Key}`: {Page} gives the default as '{row.Default}', but gateway/appsettings.json sets '{value}'.";
            }
        }
    }

    /// <summary>How the type column names a type.</summary>
    public static string TypeWord(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(int) || type == typeof(long) => "integer",
            _ when type == typeof(double) || type == typeof(decimal) => "number",
            _ when type == typeof(TimeSpan) => "duration",
            _ when type == typeof(Uri) => "URL",
            _ when type == typeof(string) => "string",
            _ when type.IsEnum => "enum",
            // A dictionary's row is one entry (`…:Headers:<name>`), so its type is the value's.
            _ when type.IsGenericType && type.GetGenericArguments().Length == 2 && OptionsSetting.ElementType(type) is { } value => TypeWord(value),
            _ when OptionsSetting.ElementType(type) is { } element => "list of " + TypeWord(element),
            _ => type.Name,
        };
    }

    private IEnumerable<(OptionsSetting Setting, Row Row)> Documented()
    {
        var rows = _rows.GroupBy(r => r.Pattern, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _settings.Where(s => rows.ContainsKey(s.Key)).Select(s => (s, rows[s.Key]));
    }

    // "none …" stands for a default that is null, empty or an empty list; otherwise the cell's code spans are the value(s).
    private static bool DefaultMatches(OptionsSetting setting, string cell)
    {
        var empty = setting.Default is null || setting.Default is string { Length: 0 } || setting.Default is ICollection { Count: 0 };
        if (cell.StartsWith("none", StringComparison.OrdinalIgnoreCase))
        {
            return empty;
        }

        var spans = MarkdownFile.CodeSpans(cell);
        if (empty || spans.Count == 0)
        {
            return false;
        }

        if (setting.Default is IEnumerable list and not string)
        {
            var element = OptionsSetting.ElementType(setting.Type)!;
            return list.Cast<object>().Select(v => Parse(element, Convert.ToString(v, CultureInfo.InvariantCulture)!)).SequenceEqual(spans.Select(s => Parse(element, s)));
        }

        return Equals(Parse(setting.Type, spans[0]), Parse(setting.Type, Convert.ToString(setting.Default, CultureInfo.InvariantCulture)!));
    }

    /// <summary>A value as the binder reads it, normalised for comparison (numbers as long); null when it does not parse.</summary>
    private static object? Parse(Type type, string text)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        text = text.Trim();
        return type switch
        {
            _ when type.IsEnum => Enum.TryParse(type, text, ignoreCase: true, out var value) ? value : null,
            _ when type == typeof(bool) => bool.TryParse(text, out var value) ? value : null,
            _ when type == typeof(TimeSpan) => TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : null,
            _ when type == typeof(int) || type == typeof(long) =>
                long.TryParse(Thousands().Replace(text, ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null,
            _ when type == typeof(double) || type == typeof(decimal) =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null,
            _ when type == typeof(Uri) => Uri.TryCreate(text, UriKind.RelativeOrAbsolute, out var value) ? value : null,
            _ => text,
        };
    }

    private static string Shown(string key) => key.Replace("<>", "<name>", StringComparison.Ordinal);

    private static string Shown(OptionsSetting setting) => setting.Default switch
    {
        null or "" or ICollection { Count: 0 } => "none",
        IEnumerable list and not string => string.Join(", ", list.Cast<object>().Select(v => $"`{v}`")),
        TimeSpan span => $"`{span.ToString("c", CultureInfo.InvariantCulture)}`",
        bool flag => flag ? "`true`" : "`false`",
        var value => $"`{Convert.ToString(value, CultureInfo.InvariantCulture)}`",
    };

    [GeneratedRegex(@"(?<=\d)[,_ ](?=\d{3})")]
    private static partial Regex Thousands();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Placeholder();

    /// <summary>One documented setting: the cells of its row.</summary>
    internal sealed record Row(string Key, string Type, string Default, string Allowed)
    {
        /// <summary>The key with every placeholder (<c>&lt;cluster&gt;</c>, <c>&lt;n&gt;</c>) as <c>&lt;&gt;</c>, as <see cref="OptionsSetting"/> writes it.</summary>
        public string Pattern => Placeholder().Replace(Key, "<>");

        /// <summary>A row whose first cell is one code span holding a key; null for any other table row.</summary>
        public static Row? From(IReadOnlyList<string> cells)
        {
            if (cells.Count < 2 || MarkdownFile.CodeSpans(cells[0]) is not [var key] || cells[0] != $"`{key}`" || !key.Contains(':', StringComparison.Ordinal) && !IsHostKey(key))
            {
                return null;
            }

            return new Row(key, cells[1], cells.Count > 2 ? cells[2] : "", cells.Count > 3 ? cells[3] : "");
        }

        /// <summary>Whether a concrete key (<c>Gateway:Proxy:Backends:billing:Header</c>) is this row's (placeholders match one segment).</summary>
        public bool Matches(string key)
        {
            var mine = Pattern.Split(':');
            var theirs = key.Split(':');
            return mine.Length == theirs.Length
                && mine.Zip(theirs).All(pair => pair.First == "<>" || string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));
        }

        // Top-level host settings without a section (appsettings.json's shutdownTimeoutSeconds, AllowedHosts …).
        private static bool IsHostKey(string key) => key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c));
    }
}
