namespace Gateway.RateLimiting;

/// <summary>What the <c>X-RateLimit-*</c> headers say: the limit, what is left of it, and when it is whole again.</summary>
public readonly record struct LimitSnapshot(int Limit, int Remaining, DateTimeOffset Reset);
