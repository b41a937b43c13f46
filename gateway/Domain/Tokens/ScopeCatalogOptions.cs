namespace Gateway.Tokens;

/// <summary>The scope catalogue as configured: the <c>Scopes</c> array of <c>scopes.json</c> (beside yarp.json), which the environment may extend.</summary>
public sealed class ScopeCatalogOptions
{
    /// <summary>The configuration section (top level, like yarp.json's <c>ReverseProxy</c>).</summary>
    public const string Section = "Scopes";

    /// <summary>The file beside appsettings.json and yarp.json that holds it.</summary>
    public const string File = "scopes.json";

    public List<ScopeDefinition> Scopes { get; set; } = [];
}
