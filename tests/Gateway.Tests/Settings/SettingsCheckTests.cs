using System.Reflection;
using Gateway.Settings;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Settings;

/// <summary>
/// A bad setting stops the start with a message naming the setting (and its environment variable) and what it accepts,
/// for every kind of setting (enum, number, duration, bool) and every options class of the gateway.
/// </summary>
public sealed class SettingsCheckTests
{
    [Theory]
    [InlineData("Gateway:Storage:Provider", "banana", "use one of Sqlite, Postgres")]
    [InlineData("Gateway:Storage:Provider", "Postgress", "use one of Sqlite, Postgres")]
    [InlineData("Gateway:RateLimiting:PermitsPerMinute", "lots", "use a whole number between 1 and")]
    [InlineData("Gateway:Tokens:CacheRevalidateAfter", "soon", "use a duration as [d.]hh:mm:ss")]
    [InlineData("Gateway:Tokens:RevokeOnPlainHttp", "yes", "use true or false")]
    [InlineData("Gateway:Admin:RequireMfaForAdmins", "maybe", "use true or false")]
    [InlineData("Gateway:Admin:SessionLifetime", "12h", "use a duration as [d.]hh:mm:ss")]
    [InlineData("Gateway:Telemetry:Otlp:Protocol", "thrift", "use one of HttpProtobuf, Grpc")]
    [InlineData("Gateway:Audit:Otlp:Timeout", "soon", "use a duration as [d.]hh:mm:ss")]
    public async Task Start_BadValue_FailsNamingTheSettingAndAcceptedValues(string key, string value, string accepted)
    {
        var data = Directory.CreateTempSubdirectory("gateway-settings-").FullName;
        try
        {
            // The real executable with everything else in order, so only the bad value can stop it.
            var environment = GatewayProcess.Environment(data, "http://127.0.0.1:9/", "Bearer settings-test");
            environment["Kestrel__Endpoints__Public__Url"] = "https://127.0.0.1:0";
            environment["Kestrel__Endpoints__Admin__Url"] = "https://127.0.0.1:0";
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;

            var (exit, stdout, stderr) = await ProcessRunner.RunAsync("dotnet", [GatewayProcess.ExecutablePath, "serve"], environment, TimeSpan.FromSeconds(60));

            Assert.Equal(1, exit);
            Assert.Contains(
                $"The gateway could not start: {key} (environment {key.Replace(":", "__", StringComparison.Ordinal)}) = '{value}' is not valid: {accepted}",
                stdout + stderr,
                StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task EveryOptionsClass_IsBoundThroughTheCheck()
    {
        await using var gateway = new GatewayFixture();
        await gateway.InitializeAsync();
        var services = gateway.Services;

        foreach (var type in OptionsClasses())
        {
            var configures = (IEnumerable<object>)services.GetServices(typeof(IConfigureOptions<>).MakeGenericType(type));
            Assert.True(
                configures.Any(c => c.GetType() == typeof(SettingsCheck<>).MakeGenericType(type)),
                $"{type.Name} is bound without BindSettings: a bad value there would give the binder's bare error.");
        }
    }

    [Fact]
    public void EveryTypedSettingOfEveryOptionsClass_BadValueIsNamedWithWhatItAccepts()
    {
        var checkedKinds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in OptionsClasses())
        {
            var section = (string)type.GetField("Section")!.GetValue(null)!;
            foreach (var property in type.GetProperties().Where(p => p.CanWrite))
            {
                var kind = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                if (!(kind.IsEnum || kind == typeof(bool) || kind == typeof(int) || kind == typeof(long) || kind == typeof(double) || kind == typeof(TimeSpan)))
                {
                    continue;
                }

                var key = $"{section}:{property.Name}";
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = "not-a-value" }).Build();

                var problems = SettingsReader.Problems(configuration.GetSection(section), type);

                var problem = Assert.Single(problems);
                Assert.StartsWith($"{key} (environment ", problem, StringComparison.Ordinal);
                Assert.Contains("is not valid: use ", problem, StringComparison.Ordinal);
                checkedKinds.Add(kind.IsEnum ? "enum" : kind.Name);
            }
        }

        Assert.Superset(new HashSet<string>(["enum", "Boolean", "Int32", "TimeSpan"]), checkedKinds);
    }

    [Fact]
    public void GoodValues_AreNoProblem()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:Storage:Provider"] = "postgres",
            ["Gateway:Storage:ProbeInterval"] = "00:00:02",
            ["Gateway:Storage:MigrateOnStart"] = "False",
        }).Build();

        Assert.Empty(SettingsReader.Problems(configuration.GetSection("Gateway:Storage"), typeof(Gateway.Data.StorageOptions)));
    }

    // Every settings class of the gateway: a type with a public const Section.
    private static IEnumerable<Type> OptionsClasses() =>
        new[] { typeof(Program).Assembly, typeof(Gateway.Data.StorageOptions).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && t.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true })
            // The scope catalogue is scopes.json's top-level array of names and descriptions: text only, nothing the
            // binder can fail to convert; its own validator names a bad entry (ScopeCatalogOptionsValidator).
            .Where(t => t != typeof(Gateway.Tokens.ScopeCatalogOptions));
}
