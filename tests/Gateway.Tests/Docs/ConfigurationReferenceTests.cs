using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Docs;

/// <summary>
/// docs/configuration.md documents every setting of every options class (found by reflection, as SettingsCheckTests
/// finds them, recursing into nested options, lists and dictionaries as the binder does) and nothing else under their
/// sections; its defaults, types, enum values and ranges are the code's, and every value gateway/appsettings.json sets
/// is on it. Each failure names the key and what to change, so a new options class (or a renamed property) fails here
/// until its rows are written.
/// </summary>
public sealed class ConfigurationReferenceTests
{
    private static readonly ConfigurationReference Reference = ConfigurationReference.Load(RepositoryRoot.Path);

    [Fact]
    public void OptionsClasses_EveryProperty_HasARow()
    {
        AssertNone(Reference.MissingRows());
    }

    [Fact]
    public void Rows_UnderAnOptionsSection_NameAnOptionsPropertyOnce()
    {
        AssertNone(Reference.StaleRows());
    }

    [Fact]
    public void Defaults_AsDocumented_AreTheOptionsClassesDefaults()
    {
        AssertNone(Reference.WrongDefaults());
    }

    [Fact]
    public void TypesEnumValuesAndRanges_AsDocumented_AreTheOptionsClasses()
    {
        AssertNone(Reference.WrongTypesOrAllowedValues());
    }

    [Fact]
    public void AppSettingsJson_EveryValueItSets_IsTheDocumentedDefault()
    {
        AssertNone(Reference.AppSettingsProblems());
    }

    [Fact]
    public void Discovery_FindsTheGatewaysOptionsClassesAndTheirNestedSettings()
    {
        // Guards the checks above against passing on nothing: the classes of both assemblies, nested options, element
        // types of dictionaries and lists, and the catalogue bound at its section are all found, and the page parsed.
        var keys = OptionsSetting.All().Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(
            new HashSet<string>(StringComparer.Ordinal)
            {
                "Gateway:Storage:Provider", "Gateway:Tokens:Prefix", "Gateway:Admin:SessionLifetime", "Gateway:Usage:FlushInterval",
                "Gateway:Notices:Email:Kinds:Leaked", "Gateway:Notices:Webhooks:<>:Secret", "Gateway:Notices:Outbox:BatchSize",
                "Gateway:Proxy:Backends:<>:Value", "Gateway:Proxy:ClientAddressHeaders", "Gateway:Audit:PreviousChainKeys", "Scopes:<>:Name",
            },
            keys);
        Assert.DoesNotContain("Gateway:Portal:IsEnabled", keys);
        Assert.DoesNotContain("Gateway:Storage:FullDataPath", keys);
        Assert.True(Reference.Rows.Count >= keys.Count, $"{ConfigurationReference.Page}: {Reference.Rows.Count} setting rows parsed for {keys.Count} settings.");
    }

    [Fact]
    public void Checks_DoctoredPage_NameTheMissingStaleAndWrongKeys()
    {
        // The checks themselves can fail: the real page with one row dropped, one renamed, one default and one range changed.
        var text = File.ReadAllText(Path.Combine(RepositoryRoot.Path, ConfigurationReference.Page)).ReplaceLineEndings("\n");
        var lines = text.Split('\n').ToList();
        lines.RemoveAll(l => l.StartsWith("| `Gateway:Usage:FlushInterval` |", StringComparison.Ordinal));
        var doctored = string.Join('\n', lines)
            .Replace("| `Gateway:Redis:KeyPrefix` |", "| `Gateway:Redis:Prefix` |", StringComparison.Ordinal)
            .Replace("| `Gateway:Tokens:CacheSizeLimit` | integer | `200000` | `1000`–`10000000` |", "| `Gateway:Tokens:CacheSizeLimit` | integer | `100000` | `1000`–`100000` |", StringComparison.Ordinal)
            .Replace("| `Gateway:Storage:Provider` | enum | `Sqlite` | `Sqlite`, `Postgres` |", "| `Gateway:Storage:Provider` | string | `Sqlite` | `Sqlite` |", StringComparison.Ordinal);
        var reference = new ConfigurationReference(new MarkdownFile("doctored", doctored), OptionsSetting.All(), new Dictionary<string, string?>());

        Assert.Equal(
            ["`Gateway:Redis:KeyPrefix` (RedisOptions.KeyPrefix) has no row in docs/configuration.md: add `| `Gateway:Redis:KeyPrefix` | string | `gateway:` | … | … |` to the table of its section.",
             "`Gateway:Usage:FlushInterval` (UsageOptions.FlushInterval) has no row in docs/configuration.md: add `| `Gateway:Usage:FlushInterval` | duration | `00:00:15` | … | … |` to the table of its section."],
            reference.MissingRows().Order(StringComparer.Ordinal));
        Assert.Equal(
            ["docs/configuration.md has a row for `Gateway:Redis:Prefix`, but no options class has that setting (renamed or removed?): fix or remove the row."],
            reference.StaleRows());
        Assert.Equal(
            ["`Gateway:Tokens:CacheSizeLimit`: docs/configuration.md gives the default as '`100000`', but TokenOptions.CacheSizeLimit defaults to `200000`."],
            reference.WrongDefaults());
        Assert.Equal(
            ["`Gateway:Storage:Provider`: the allowed values in docs/configuration.md miss `Postgres` (StoreProvider).",
             "`Gateway:Storage:Provider`: the type is 'string' in docs/configuration.md, but StorageOptions.Provider has type 'enum'.",
             "`Gateway:Tokens:CacheSizeLimit`: TokenOptions.CacheSizeLimit accepts 1000–10000000; the allowed values in docs/configuration.md must give both bounds as code (`1000`–`10000000`)."],
            reference.WrongTypesOrAllowedValues().Order(StringComparer.Ordinal));
    }

    private static void AssertNone(IEnumerable<string> problems)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, $"{ConfigurationReference.Page} and the options classes disagree ({list.Count}):\n" + string.Join('\n', list));
    }
}
