namespace Gateway.Data;

/// <summary>A named set of scopes (WHMCS API role semantics) that tokens can hold.</summary>
public sealed class Role
{
    public long Id { get; set; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public List<string> Scopes { get; set; } = [];

    public List<ApiToken> Tokens { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
