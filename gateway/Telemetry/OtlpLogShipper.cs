using Gateway.Cluster;
using Gateway.Hosting;
using Serilog;
using Serilog.Configuration;
using Serilog.Sinks.OpenTelemetry;

namespace Gateway.Telemetry;

/// <summary>
/// One stream of log events shipped as OTLP log records (the console log, the audit stream) through Serilog's OTLP
/// sink, so what is shipped is the event the other sinks get, after the secret redactor. Batched; bounded by
/// <see cref="QueueLimit"/> events, beyond which new events are dropped rather than held; never blocking the writer,
/// so a collector that is down or slow costs a request nothing. Failed exports are counted (and reported at most once
/// a minute when a logger is given).
/// </summary>
public sealed partial class OtlpLogShipper
{
    private readonly OtlpEndpointOptions _endpoint;
    private readonly IReadOnlyDictionary<string, object> _resource;
    private readonly Microsoft.Extensions.Logging.ILogger? _logger;
    private readonly OncePer _warn = new(TimeSpan.FromMinutes(1), TimeProvider.System);
    private long _exports;
    private long _failures;

    /// <param name="stream">What is shipped (<c>logs</c>, <c>audit</c>): the metrics' label and the warnings' subject.</param>
    /// <param name="logger">Where failures are reported; null for the console stream itself, which would report into itself.</param>
    public OtlpLogShipper(string stream, OtlpEndpointOptions endpoint, int queueLimit, IReadOnlyDictionary<string, object> resource, Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(resource);
        Stream = stream;
        QueueLimit = queueLimit;
        _endpoint = endpoint;
        _resource = resource;
        _logger = logger;
    }

    public string Stream { get; }

    public int QueueLimit { get; }

    /// <summary>Export requests sent (each a batch of events).</summary>
    public long Exports => Interlocked.Read(ref _exports);

    /// <summary>Export requests that failed (collector down, refused, timed out); their events are retried, then dropped.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Adds the OTLP sink to a Serilog pipeline whose events <paramref name="redactor"/> has seen (see <see cref="ShippedEventSink"/>).</summary>
    public LoggerConfiguration WriteTo(LoggerSinkConfiguration sinks, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(sinks);
        ArgumentNullException.ThrowIfNull(redactor);
        return sinks.Sink(new ShippedEventSink(LoggerSinkConfiguration.CreateSink(Ship), redactor));
    }

    private void Ship(LoggerSinkConfiguration sinks) =>
        sinks.OpenTelemetry(
            options =>
            {
                // Logs only: with a base endpoint the sink would also start a traces stream.
                options.Endpoint = null;
                options.LogsEndpoint = _endpoint.SignalEndpoint("logs").ToString();
                options.Protocol = _endpoint.Protocol == OtlpProtocol.Grpc
                    ? Serilog.Sinks.OpenTelemetry.OtlpProtocol.Grpc
                    : Serilog.Sinks.OpenTelemetry.OtlpProtocol.HttpProtobuf;
                foreach (var (name, value) in _endpoint.Headers)
                {
                    options.Headers[name] = value;
                }

                foreach (var (name, value) in _resource)
                {
                    options.ResourceAttributes[name] = value;
                }

                options.IncludedData = IncludedData.TraceIdField | IncludedData.SpanIdField | IncludedData.SourceContextAttribute;
                options.HttpMessageHandler = new OtlpExportHandler(_endpoint.Timeout, Report);
                options.BatchingOptions.QueueLimit = QueueLimit;
            },
            ignoreEnvironment: true);

    private void Report(Exception? failure, int? status)
    {
        Interlocked.Increment(ref _exports);
        if (failure is null)
        {
            return;
        }

        Interlocked.Increment(ref _failures);
        if (_logger is not null && _warn.TryEnter())
        {
            Log.ExportFailed(_logger, Stream, _endpoint.Endpoint!, status is null ? failure.GetBaseException().GetType().Name : failure.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, Microsoft.Extensions.Logging.LogLevel.Warning, "OTLP export of the {Stream} stream to {Endpoint} failed ({Detail}); events are retried, and dropped once the queue is full. Requests are not affected.")]
        public static partial void ExportFailed(Microsoft.Extensions.Logging.ILogger logger, string stream, string endpoint, string detail);
    }
}
