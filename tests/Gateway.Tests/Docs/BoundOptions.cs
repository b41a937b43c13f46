using System.Reflection;
using Gateway.Settings;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Docs;

/// <summary>
/// The options classes the real gateway host binds, with the section each is bound at, read from its services rather
/// than from a list: every <see cref="SettingsCheck{T}"/> that <c>BindSettings(section)</c> registered names its type
/// and section. A new options class bound that way appears here (and in the configuration reference's checks) as soon
/// as its feature registers it.
/// </summary>
internal static class BoundOptions
{
    private static readonly Assembly[] GatewayAssemblies = [typeof(Program).Assembly, typeof(Gateway.Data.StorageOptions).Assembly];

    /// <summary>Each options class of the gateway's assemblies that the host binds through BindSettings, and its section; then the scope catalogue.</summary>
    public static IReadOnlyList<(Type Type, string Section)> Discover(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var bound = Candidates()
            .Select(type => (Type: type, Section: SettingsCheckSection(services, type)))
            .Where(found => found.Section is not null)
            .Select(found => (found.Type, Section: found.Section!))
            .ToList();

        // The one class bound by hand: scopes.json's top-level array of names and descriptions, bound into its list
        // (TokenExtensions), which BindSettings cannot express.
        bound.Add((typeof(ScopeCatalogOptions), ScopeCatalogOptions.Section));
        return [.. bound.OrderBy(b => b.Section, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Options classes of the gateway's assemblies bound from configuration (<c>BindConfiguration</c>, <c>Bind</c>:
    /// they register a configuration change-token source) but not through BindSettings: the reference cannot know their
    /// section, and a bad value there would get the binder's bare error.
    /// </summary>
    public static IReadOnlyList<Type> BoundWithoutSettingsCheck(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return
        [
            .. Candidates().Where(type =>
                services.GetServices(typeof(IOptionsChangeTokenSource<>).MakeGenericType(type)).Any()
                && SettingsCheckSection(services, type) is null),
        ];
    }

    // The section of the SettingsCheck<type> among the type's configurers; null when BindSettings did not bind it.
    private static string? SettingsCheckSection(IServiceProvider services, Type type) =>
        services.GetServices(typeof(IConfigureOptions<>).MakeGenericType(type))
            .OfType<object>()
            .Where(c => c.GetType() == typeof(SettingsCheck<>).MakeGenericType(type))
            .Select(c => (string)c.GetType().GetProperty(nameof(SettingsCheck<object>.Section))!.GetValue(c)!)
            .FirstOrDefault();

    // Every class an options builder could be made for: concrete, closed, not compiler-generated.
    private static IEnumerable<Type> Candidates() =>
        GatewayAssemblies
            .SelectMany(a => a.GetTypes())
            .Where(t => t.IsClass && !t.IsAbstract && !t.ContainsGenericParameters && !t.Name.Contains('<', StringComparison.Ordinal))
            .Distinct();
}
