using Microsoft.Extensions.Options;

namespace Gateway.Tokens;

/// <summary>
/// The scopes a token can hold, as configured (<see cref="ScopeCatalogOptions"/>): a host adds a route to yarp.json
/// and its scope to scopes.json and restarts. The seed vocabulary of DESIGN §4 is named here for code and tests.
/// </summary>
public sealed class ScopeCatalog
{
    public const string AccountRead = "account:read";
    public const string HostingRead = "hosting:read";
    public const string DomainsRead = "domains:read";
    public const string DnsRead = "dns:read";

    private readonly Dictionary<string, ScopeDefinition> _byName;

    public ScopeCatalog(IOptions<ScopeCatalogOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Scopes = [.. options.Value.Scopes];
        Names = [.. Scopes.Select(s => s.Name)];
        _byName = Scopes.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <summary>Every scope, in the configured order.</summary>
    public IReadOnlyList<ScopeDefinition> Scopes { get; }

    public IReadOnlyList<string> Names { get; }

    public bool Contains(string scope) => _byName.ContainsKey(scope);

    /// <summary>The scope's description, or null when it is not in the catalogue.</summary>
    public string? DescriptionOf(string scope) => _byName.TryGetValue(scope, out var found) ? found.Description : null;

    /// <summary>The error for scopes not in the catalogue, or null when there are none.</summary>
    public string? UnknownScopesError(IEnumerable<string> scopes)
    {
        var unknown = scopes.Where(s => !Contains(s)).ToList();
        return unknown.Count == 0 ? null : $"Unknown scope(s): {string.Join(", ", unknown)}. Known scopes: {string.Join(", ", Names)}.";
    }
}
