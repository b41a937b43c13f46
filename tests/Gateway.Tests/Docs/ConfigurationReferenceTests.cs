using System.Reflection;
using Gateway.Settings;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Docs;

/// <summary>
/// docs/configuration.md documents every setting of every options class the real gateway host binds (found in its
/// services: each BindSettings registration names its class and section; nested options, lists and dictionaries are
/// followed as the binder does) and nothing else under their sections; its defaults, types, enum values and ranges are
/// the code's, and every value gateway/appsettings.json sets is on it. Each failure names the key and what to change,
/// so a new options class (or a renamed property) fails here until its rows are written.
/// </summary>
public sealed class ConfigurationReferenceTests : IClassFixture<GatewayFixture>
{
    private readonly IReadOnlyList<(Type Type, string Section)> _classes;
    private readonly IReadOnlyList<OptionsSetting> _settings;
    private readonly ConfigurationReference _reference;
    private readonly IServiceProvider _services;

    public ConfigurationReferenceTests(GatewayFixture gateway)
    {
        _services = gateway.Services;
        _classes = BoundOptions.Discover(gateway.Services);
        _settings = OptionsSetting.All(_classes);
        _reference = ConfigurationReference.Load(RepositoryRoot.Path, _settings);
    }

    [Fact]
    public void OptionsClasses_EveryProperty_HasARow()
    {
        AssertNone(_reference.MissingRows());
    }

    [Fact]
    public void Rows_UnderAnOptionsSection_NameAnOptionsPropertyOnce()
    {
        AssertNone(_reference.StaleRows());
    }

    [Fact]
    public void Defaults_AsDocumented_AreTheOptionsClassesDefaults()
    {
        AssertNone(_reference.WrongDefaults());
    }

    [Fact]
    public void TypesEnumValuesAndRanges_AsDocumented_AreTheOptionsClasses()
    {
        AssertNone(_reference.WrongTypesOrAllowedValues());
    }

    [Fact]
    public void AppSettingsJson_EveryValueItSets_IsTheDocumentedDefault()
    {
        AssertNone(_reference.AppSettingsProblems());
    }

    [Fact]
    public void Discovery_FindsTheGatewaysOptionsClassesAndTheirNestedSettings()
    {
        // Guards the checks above against passing on nothing: the classes of both assemblies, nested options, element
        // types of dictionaries and lists, and the catalogue bound at its section are all found, and the page parsed.
        var keys = _settings.Select(s => s.Key).ToHashSet(StringComparer.Ordinal);
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
        Assert.True(_reference.Rows.Count >= keys.Count, $"{ConfigurationReference.Page}: {_reference.Rows.Count} setting rows parsed for {keys.Count} settings.");
    }

    [Fact]
    public void Discovery_EveryOptionsClassOfTheGateway_IsFoundAtItsSection()
    {
        // What the host binds is the truth; a class that names a section but is bound elsewhere (or not at all) shows here.
        var declared = new[] { typeof(Program).Assembly, typeof(Gateway.Data.StorageOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            .Select(t => (t, (string)t.GetField("Section")!.GetRawConstantValue()!));

        Assert.Superset(declared.ToHashSet(), _classes.ToHashSet());
        Assert.Contains((typeof(Gateway.Notices.NoticeOptions), "Gateway:Notices"), _classes);
        Assert.Contains((typeof(Gateway.SecretScanning.SecretScanningOptions), "Gateway:SecretScanning:GitHub"), _classes);
    }

    [Fact]
    public void Discovery_NoOptionsClass_IsBoundFromConfigurationWithoutBindSettings()
    {
        var bare = BoundOptions.BoundWithoutSettingsCheck(_services);

        Assert.True(
            bare.Count == 0,
            $"Bound from configuration without BindSettings, so {ConfigurationReference.Page} cannot find their section (and a bad value "
            + $"gets the binder's bare error): {string.Join(", ", bare.Select(t => t.FullName))}. Bind them with "
            + "AddOptions<T>().BindSettings(section).");
    }

    [Fact]
    public void Discovery_ServicesOfAnotherComposition_FindsItsSectionsAndReportsBareBinding()
    {
        // The discovery reads what was registered, not names it knows: another section is found as given, and a class
        // bound with the framework's BindConfiguration alone is reported.
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddOptions<Gateway.Usage.UsageOptions>().BindConfiguration(Gateway.Usage.UsageOptions.Section);
        services.AddOptions<Gateway.Cluster.RedisOptions>().BindSettings("Gateway:Elsewhere");
        using var provider = services.BuildServiceProvider();

        Assert.Equal([typeof(Gateway.Usage.UsageOptions)], BoundOptions.BoundWithoutSettingsCheck(provider));
        Assert.Contains((typeof(Gateway.Cluster.RedisOptions), "Gateway:Elsewhere"), BoundOptions.Discover(provider));
        Assert.DoesNotContain(BoundOptions.Discover(provider), found => found.Type == typeof(Gateway.Usage.UsageOptions));
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
        var reference = new ConfigurationReference(new MarkdownFile("doctored", doctored), _settings, new Dictionary<string, string?>());

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
