using System.Threading.RateLimiting;

namespace Gateway.RateLimiting;

/// <summary>
/// "Not decided yet": what a Redis-backed limiter answers to the middleware's synchronous try, so that the middleware
/// awaits its asynchronous acquire, which makes the round trip.
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
