namespace Gateway.RateLimiting;

/// <summary>Which window this request counted against, so its headers can be written.</summary>
public sealed record RateLimitFeature(long TokenId, int Limit)
{
    /// <summary>The window as counted for this very request (a Redis window); null when it is read from this process at answer time.</summary>
    public LimitSnapshot? Counted { get; set; }
}
