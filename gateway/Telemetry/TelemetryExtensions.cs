using System.Diagnostics;
using Gateway.Audit;
using Gateway.Hosting;
using Gateway.Settings;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Context.Propagation;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Gateway.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>The keyed <see cref="OtlpLogShipper"/> of the console log's events.</summary>
    public const string LogsStream = "logs";

    /// <summary>
    /// The framework's meters (built-in, by OpenTelemetry's semantic conventions) beside the gateway's own: ASP.NET Core's
    /// HTTP server and Kestrel's connections, System.Net.Http's client (the forwarder's calls to the backend), and the
    /// runtime's (GC, thread pool, JIT, process CPU and memory).
    /// </summary>
    public static readonly string[] Meters =
        [GatewayMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];

    /// <summary>The activity sources traced when traces are exported besides the request's: the forwarded call (System.Net.Http's own span).</summary>
    public static readonly string[] Sources = ["System.Net.Http"];

    /// <summary>
    /// Metrics for Prometheus (<c>/metrics</c> on the admin listener) and, when an OTLP endpoint is configured, metrics,
    /// traces and the console log over OTLP (<c>Gateway:Telemetry</c>). Nothing per request is added when traces are not
    /// exported: no listener, so ASP.NET Core creates no request Activity and the forwarder no client span.
    /// </summary>
    public static WebApplicationBuilder AddGatewayTelemetry(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<TelemetryOptions>().BindSettings(TelemetryOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        builder.Services.AddSingleton<IPostConfigureOptions<TelemetryOptions>, OtlpEnvironment>();
        // An edge never adopts a caller's trace context (see EdgePropagator); ASP.NET Core's hosting takes it from here.
        builder.Services.Replace(ServiceDescriptor.Singleton<DistributedContextPropagator>(new EdgePropagator()));

        var settings = TelemetryOptions.From(builder.Configuration);
        var otlp = settings.Otlp;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => TelemetryResource.Configure(resource, settings.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(Meters).AddPrometheusExporter();
                if (otlp.IsConfigured && otlp.Metrics)
                {
                    metrics.AddOtlpExporter((exporter, reader) =>
                    {
                        Configure(exporter, otlp, "metrics");
                        reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = (int)otlp.MetricsInterval.TotalMilliseconds;
                    });
                }
            });
        if (otlp.ExportsTraces)
        {
            // The request span is ASP.NET Core's own, completed by OpenTelemetry's instrumentation (route, status, name:
            // ASP.NET Core 10 leaves those off). That instrumentation re-reads a caller's trace context with the default
            // propagator unless it is plain W3C, and would then continue the caller's trace; plain W3C makes it rely on
            // ASP.NET Core's extraction, which is the EdgePropagator's: nothing.
            Sdk.SetDefaultTextMapPropagator(new TraceContextPropagator());
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation()
                .AddSource(Sources)
                .AddOtlpExporter(exporter => Configure(exporter, otlp, "traces")));
        }

        if (otlp.IsConfigured && otlp.Logs)
        {
            builder.Services.AddKeyedSingleton(LogsStream, (services, _) => new OtlpLogShipper(
                LogsStream, services.GetRequiredService<IOptions<TelemetryOptions>>().Value.Otlp, queueLimit: 10_000, TelemetryResource.Attributes(settings.ServiceName)));
        }

        return builder;
    }

    /// <summary>Prometheus scrapes <c>/metrics</c> on the admin listener (private by default).</summary>
    public static WebApplication MapGatewayMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new ListenerMetadata(Listener.AdminName));
        return app;
    }

    private static void Configure(OtlpExporterOptions exporter, TelemetryOtlpOptions otlp, string signal)
    {
        exporter.Protocol = otlp.Protocol == OtlpProtocol.Grpc ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        exporter.Endpoint = otlp.SignalEndpoint(signal);
        exporter.TimeoutMilliseconds = (int)otlp.Timeout.TotalMilliseconds;
        // The validator refuses commas in values, so this list cannot be misread.
        exporter.Headers = string.Join(',', otlp.Headers.Select(h => $"{h.Key}={h.Value}"));
    }
}
