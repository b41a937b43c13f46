using System.Threading.RateLimiting;

namespace Gateway.RateLimiting;

/// <summary>
/// "Not decided yet": what the staff sign-in limiter (ASP.NET Core's rate-limiting middleware) answers to the
/// middleware's synchronous try when its windows are in Redis, so that the middleware awaits its asynchronous acquire,
/// which makes the round trip. Should the middleware ever stop making that second call, the try reads as a refusal:
/// it fails closed. (The public path's per-token limit has a step of its own and needs none of this.)
/// </summary>
internal sealed class DeferredLease : RateLimitLease
{
    public static DeferredLease Instance { get; } = new();

    public override bool IsAcquired => false;

    public override IEnumerable<string> MetadataNames => [];

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        metadata = null;
        return false;
    }
}
