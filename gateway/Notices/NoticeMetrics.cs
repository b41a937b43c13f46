using System.Diagnostics.Metrics;
using Gateway.Audit;

namespace Gateway.Notices;

/// <summary>
/// Token hygiene on <c>/metrics</c>: live tokens expiring within 14 days, tokens revoked as leaked (both counted by the
/// periodic scan), and notice deliveries by channel and outcome.
/// </summary>
public sealed class NoticeMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _deliveries;
    private long _expiring;
    private long _leaked;

    public NoticeMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(GatewayMetrics.MeterName);
        _meter.CreateObservableGauge("gateway.tokens.expiring_soon", () => Interlocked.Read(ref _expiring), description: "Live tokens whose last valid day is within the next 14 days.");
        _meter.CreateObservableGauge("gateway.tokens.leaked", () => Interlocked.Read(ref _leaked), description: "Tokens revoked because a secret-scanning report found them in public.");
        _deliveries = _meter.CreateCounter<long>("gateway.notices.deliveries", description: "Notice delivery attempts by channel (email, webhook) and outcome (sent, retry, failed).");
    }

    public void SetTokenCounts(long expiringSoon, long leaked)
    {
        Interlocked.Exchange(ref _expiring, expiringSoon);
        Interlocked.Exchange(ref _leaked, leaked);
    }

    public void Delivered(string channel, string outcome) =>
        _deliveries.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", outcome));

    public void Dispose() => _meter.Dispose();
}
