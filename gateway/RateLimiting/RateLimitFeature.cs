namespace Gateway.RateLimiting;

/// <summary>Which window this request counted against, so its headers can be written.</summary>
public sealed record RateLimitFeature(long TokenId, int Limit);
