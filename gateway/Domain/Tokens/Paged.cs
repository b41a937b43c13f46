namespace Gateway.Tokens;

/// <summary>One page of a listing, with what is needed to page through the rest.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PerPage, int Total)
{
    public int LastPage => Math.Max(1, (int)Math.Ceiling(Total / (double)PerPage));
}
