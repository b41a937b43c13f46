namespace Gateway.Tokens;

/// <summary>A role as staff define it: a name and the scopes it grants.</summary>
public sealed record RoleSpec
{
    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];
}
