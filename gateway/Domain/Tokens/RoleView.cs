namespace Gateway.Tokens;

/// <summary>A role with the number of tokens that hold it.</summary>
public sealed record RoleView
{
    public long Id { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public int TokenCount { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }
}
