namespace Gateway.Tokens;

/// <summary>A filtered, paged token listing (admin API and UI).</summary>
public sealed record TokenQuery
{
    public long? ClientId { get; init; }

    /// <summary>Part of the name, case-insensitive.</summary>
    public string? Search { get; init; }

    public TokenStatus? Status { get; init; }

    public int Page { get; init; } = 1;

    public int PerPage { get; init; } = 25;
}
