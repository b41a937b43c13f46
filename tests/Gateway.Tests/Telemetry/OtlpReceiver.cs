using System.Collections.Concurrent;
using Gateway.Tests.Telemetry.Otlp;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Tests.Telemetry;

/// <summary>
/// A collector of the tests' own: ASP.NET Core on Kestrel on a free loopback port, accepting OTLP/HTTP with protobuf
/// bodies at <c>/v1/metrics</c>, <c>/v1/traces</c> and <c>/v1/logs</c> as the specification has it, decoding every
/// payload (Otlp/otlp.proto) and keeping it, raw bytes and request headers too, for the tests to look through.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ExportMetricsServiceRequest> _metrics = new();
    private readonly ConcurrentQueue<ExportTraceServiceRequest> _traces = new();
    private readonly ConcurrentQueue<ExportLogsServiceRequest> _logs = new();
    private readonly ConcurrentQueue<(string Path, byte[] Body, IReadOnlyDictionary<string, string> Headers)> _requests = new();

    private OtlpReceiver(WebApplication app, int port)
    {
        _app = app;
        Endpoint = $"http://127.0.0.1:{port}";
    }

    /// <summary>The base address to configure (<c>http://127.0.0.1:port</c>).</summary>
    public string Endpoint { get; }

    public IEnumerable<ExportMetricsServiceRequest> Metrics => _metrics;

    public IEnumerable<ExportTraceServiceRequest> Traces => _traces;

    public IEnumerable<ExportLogsServiceRequest> Logs => _logs;

    /// <summary>Every export request as it arrived: path, body, headers.</summary>
    public IEnumerable<(string Path, byte[] Body, IReadOnlyDictionary<string, string> Headers)> Requests => _requests;

    public IEnumerable<Span> Spans => _traces.SelectMany(t => t.ResourceSpans).SelectMany(r => r.ScopeSpans).SelectMany(s => s.Spans);

    public IEnumerable<LogRecord> LogRecords => _logs.SelectMany(l => l.ResourceLogs).SelectMany(r => r.ScopeLogs).SelectMany(s => s.LogRecords);

    public IEnumerable<Metric> AllMetrics => _metrics.SelectMany(m => m.ResourceMetrics).SelectMany(r => r.ScopeMetrics).SelectMany(s => s.Metrics);

    /// <param name="grpc">
    /// OTLP/gRPC instead: HTTP/2 without TLS, each export a unary call to the specification's service method
    /// (<c>/opentelemetry.proto.collector.logs.v1.LogsService/Export</c> …) in gRPC's length-prefixed framing.
    /// </param>
    public static async Task<OtlpReceiver> StartAsync(bool grpc = false)
    {
        var port = Gateway.Tests.Infrastructure.FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        // Not the gateway's appsettings.json beside the tests (its Kestrel endpoints): this listener only.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port, listen =>
            listen.Protocols = grpc ? Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2 : Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http1AndHttp2));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app, port);
        if (grpc)
        {
            app.MapPost("/opentelemetry.proto.collector.metrics.v1.MetricsService/Export", context => receiver.AcceptGrpcAsync(context, ExportMetricsServiceRequest.Parser, receiver._metrics));
            app.MapPost("/opentelemetry.proto.collector.trace.v1.TraceService/Export", context => receiver.AcceptGrpcAsync(context, ExportTraceServiceRequest.Parser, receiver._traces));
            app.MapPost("/opentelemetry.proto.collector.logs.v1.LogsService/Export", context => receiver.AcceptGrpcAsync(context, ExportLogsServiceRequest.Parser, receiver._logs));
        }
        else
        {
            app.MapPost("/v1/metrics", context => receiver.AcceptAsync(context, ExportMetricsServiceRequest.Parser, receiver._metrics));
            app.MapPost("/v1/traces", context => receiver.AcceptAsync(context, ExportTraceServiceRequest.Parser, receiver._traces));
            app.MapPost("/v1/logs", context => receiver.AcceptAsync(context, ExportLogsServiceRequest.Parser, receiver._logs));
        }

        await app.StartAsync();
        return receiver;
    }

    /// <summary>Waits (bounded: 30 s, for a busy machine) until <paramref name="condition"/> holds of what has arrived.</summary>
    public async Task<bool> WaitForAsync(Func<OtlpReceiver, bool> condition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        for (var attempt = 0; attempt < 300; attempt++)
        {
            if (condition(this))
            {
                return true;
            }

            await Task.Delay(100);
        }

        return condition(this);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>One unary gRPC call: a 5-byte prefix (compressed flag, big-endian length) and the message; answered with an empty message and <c>grpc-status: 0</c>.</summary>
    private async Task AcceptGrpcAsync<T>(HttpContext context, MessageParser<T> parser, ConcurrentQueue<T> into)
        where T : IMessage<T>
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        if (context.Request.Protocol != "HTTP/2" || context.Request.ContentType?.StartsWith("application/grpc", StringComparison.Ordinal) != true
            || bytes.Length < 5 || bytes[0] != 0 || System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)) != bytes.Length - 5)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        _requests.Enqueue((context.Request.Path, bytes, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        into.Enqueue(parser.ParseFrom(bytes.AsSpan(5)));
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(new byte[5]);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    private async Task AcceptAsync<T>(HttpContext context, MessageParser<T> parser, ConcurrentQueue<T> into)
        where T : IMessage<T>
    {
        if (context.Request.ContentType != "application/x-protobuf")
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        _requests.Enqueue((context.Request.Path, bytes, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        into.Enqueue(parser.ParseFrom(bytes));
        // An empty Export*ServiceResponse: full success.
        context.Response.ContentType = "application/x-protobuf";
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
