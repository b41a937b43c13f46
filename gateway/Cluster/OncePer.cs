namespace Gateway.Cluster;

/// <summary>Lets something happen at most once per interval (a warning while a dependency stays down).</summary>
public sealed class OncePer(TimeSpan interval, TimeProvider time)
{
    private long _next = long.MinValue;

    public bool TryEnter()
    {
        var now = time.GetTimestamp();
        var next = Interlocked.Read(ref _next);
        return now >= next && Interlocked.CompareExchange(ref _next, now + (long)(interval.TotalSeconds * time.TimestampFrequency), next) == next;
    }
}
