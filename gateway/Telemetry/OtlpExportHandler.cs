namespace Gateway.Telemetry;

/// <summary>
/// The HTTP stack under an OTLP log exporter: each export is bounded by the endpoint's timeout (connect included), no
/// trace context is sent to the collector, and every outcome is reported, so a collector that is down is counted and
/// told about instead of silently holding data.
/// </summary>
internal sealed class OtlpExportHandler : DelegatingHandler
{
    private readonly TimeSpan _timeout;
    private readonly Action<Exception?, int?> _outcome;

    /// <param name="outcome">Called once per export: the failure, or the collector's status (null exception when 2xx).</param>
    public OtlpExportHandler(TimeSpan timeout, Action<Exception?, int?> outcome)
        : base(new SocketsHttpHandler { ActivityHeadersPropagator = null, ConnectTimeout = timeout, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        _timeout = timeout;
        _outcome = outcome;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(_timeout);
        try
        {
            var response = await base.SendAsync(request, bounded.Token);
            _outcome(response.IsSuccessStatusCode ? null : new HttpRequestException($"the collector answered {(int)response.StatusCode}"), (int)response.StatusCode);
            return response;
        }
        catch (Exception ex)
        {
            _outcome(ex, null);
            throw;
        }
    }
}
