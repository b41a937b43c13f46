using System.Diagnostics;
using System.Diagnostics.Metrics;
using Gateway.Cluster;
using Gateway.RateLimiting;
using Gateway.Telemetry;
using Gateway.Tokens;
using Gateway.Usage;

namespace Gateway.Audit;

/// <summary>
/// The gateway's own metrics (OpenTelemetry, scraped by Prometheus at <c>/metrics</c> on the admin listener), for
/// what the framework's cannot say: requests by route, decision, reason and status; rate-limit rejections; upstream
/// errors; token cache hits and misses; last-used store writes; audit events buffered, dropped and lost; Redis
/// fallbacks and token-change messages from other instances; OTLP log exports. Latency is the framework's
/// (<c>http.server.request.duration</c>, and <c>http.client.request.duration</c> for the backend), see docs/telemetry.md.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "TokenGateway";
    private readonly Meter _meter;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _upstreamErrors;

    public GatewayMetrics(
        IMeterFactory meters,
        TokenCache cache,
        AuditLog audit,
        LastUsedRecorder usage,
        TokenRateLimiter limiter,
        TokenChangeSubscriber changes,
        [FromKeyedServices(TelemetryExtensions.LogsStream)] OtlpLogShipper? logs = null,
        [FromKeyedServices(AuditOtlpOptions.Stream)] OtlpLogShipper? auditStream = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(usage);
        _meter = meters.Create(MeterName);
        _requests = _meter.CreateCounter<long>("gateway.requests", description: "Public requests by route, decision, reason and status.");
        _rateLimited = _meter.CreateCounter<long>("gateway.rate_limit.rejections", description: "Requests refused by a limiter (kind: token, failed_auth).");
        _upstreamErrors = _meter.CreateCounter<long>("gateway.upstream.errors", description: "Forwarding failures (reason: upstream_error, upstream_timeout).");
        _meter.CreateObservableCounter("gateway.token_cache.hits", () => cache.Hits, description: "Token lookups answered from memory.");
        _meter.CreateObservableCounter("gateway.token_cache.misses", () => cache.Misses, description: "Token lookups that went to the store.");
        _meter.CreateObservableCounter("gateway.audit.events.dropped", () => audit.Dropped, description: "Audit events lost (0 by design: each request waits for its own event).");
        _meter.CreateObservableCounter("gateway.usage.store_writes", () => usage.StoreWrites, description: "Token rows updated by last-used flushes (at most one per token per flush).");
        _meter.CreateObservableCounter("gateway.usage.flushes", () => usage.Flushes, description: "Last-used flushes that wrote something.");
        _meter.CreateObservableGauge("gateway.audit.events.buffered", () => audit.Buffered, description: "Audit events waiting to be written.");
        _meter.CreateObservableCounter("gateway.rate_limit.redis_fallbacks", () => limiter.Fallbacks, description: "Requests whose token window could not be counted in Redis (Gateway:RateLimiting:RedisFallback applied).");
        _meter.CreateObservableCounter("gateway.token_changes.received", () => changes.Received, description: "Token-change messages received from other instances over Redis.");
        _meter.CreateObservableCounter("gateway.audit.events.lost", () => audit.Lost, description: "Audit events whose write failed (a full disk, an I/O error); public requests are refused while writes fail.");
        OtlpLogShipper[] streams = [.. new[] { logs, auditStream }.OfType<OtlpLogShipper>()];
        if (streams.Length > 0)
        {
            _meter.CreateObservableCounter("gateway.otlp.log_exports", () => Exports(streams), description: "OTLP log export requests by stream (logs, audit) and outcome (ok, failed).");
        }
    }

    public void Request(in RequestAuditEvent e)
    {
        var route = new KeyValuePair<string, object?>("route", e.RouteId ?? "none");
        // A TagList holds four tags inline (the params overload would allocate an array) and the status is boxed once.
        var tags = new TagList { route, new("decision", e.Decision), new("reason", e.Reason ?? "none"), new("status", Boxed(e.Status)) };
        _requests.Add(1, in tags);

        switch (e.Reason)
        {
            case AuditReason.RateLimited:
                _rateLimited.Add(1, new KeyValuePair<string, object?>("kind", "token"));
                break;
            case AuditReason.AuthRateLimited:
                _rateLimited.Add(1, new KeyValuePair<string, object?>("kind", "failed_auth"));
                break;
            case AuditReason.UpstreamError or AuditReason.UpstreamTimeout:
                _upstreamErrors.Add(1, new KeyValuePair<string, object?>("reason", e.Reason));
                break;
        }
    }

    public void Dispose() => _meter.Dispose();

    private static object Boxed(int status) => (uint)(status - 100) < (uint)Statuses.Length ? Statuses[status - 100] : status;

    private static readonly object[] Statuses = [.. Enumerable.Range(100, 500).Select(s => (object)s)];

    private static IEnumerable<Measurement<long>> Exports(OtlpLogShipper[] streams) => streams.SelectMany(s => new[]
    {
        new Measurement<long>(s.Exports - s.Failures, new("stream", s.Stream), new("outcome", "ok")),
        new Measurement<long>(s.Failures, new("stream", s.Stream), new("outcome", "failed")),
    });
}
