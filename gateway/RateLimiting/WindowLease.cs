using System.Threading.RateLimiting;

namespace Gateway.RateLimiting;

/// <summary>
/// A permit from a fixed window, carrying the window as this very request counted it (limit, permits left, reset)
/// in its metadata, so the step that holds the lease can report it without asking the limiter again.
/// </summary>
public sealed class WindowLease : RateLimitLease
{
    /// <summary>The lease's window, as <see cref="LimitSnapshot"/>.</summary>
    public static readonly MetadataName<LimitSnapshot> WindowName = MetadataName.Create<LimitSnapshot>("GATEWAY_WINDOW");

    private static readonly string[] AcquiredNames = [WindowName.Name];
    private static readonly string[] RejectedNames = [WindowName.Name, MetadataName.RetryAfter.Name];
    private readonly TimeSpan _retryAfter;

    public WindowLease(bool acquired, LimitSnapshot window, TimeSpan retryAfter)
    {
        IsAcquired = acquired;
        Window = window;
        _retryAfter = retryAfter < TimeSpan.Zero ? TimeSpan.Zero : retryAfter;
    }

    public override bool IsAcquired { get; }

    /// <summary>The window as this request counted it.</summary>
    public LimitSnapshot Window { get; }

    public override IEnumerable<string> MetadataNames => IsAcquired ? AcquiredNames : RejectedNames;

    public override bool TryGetMetadata(string metadataName, out object? metadata)
    {
        if (metadataName == WindowName.Name)
        {
            metadata = Window;
            return true;
        }

        if (!IsAcquired && metadataName == MetadataName.RetryAfter.Name)
        {
            metadata = _retryAfter;
            return true;
        }

        metadata = null;
        return false;
    }
}
