namespace Gateway.Tokens;

/// <summary>One scope of the catalogue: the name routes and tokens use, and what it opens, in words for people.</summary>
public sealed class ScopeDefinition
{
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";
}
