using Gateway.Settings;
using Microsoft.Extensions.Options;

namespace Gateway.Telemetry;

/// <summary>Settings under <c>Gateway:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Gateway:Telemetry";

    /// <summary>The <c>service.name</c> every signal carries (<c>OTEL_SERVICE_NAME</c> wins when set).</summary>
    public string ServiceName { get; set; } = "token-gateway";

    /// <summary>OTLP export; off until an endpoint is set here or in <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public TelemetryOtlpOptions Otlp { get; set; } = new();

    /// <summary>
    /// The settings as configuration holds them, with the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>,
    /// <c>_PROTOCOL</c> and <c>_HEADERS</c> variables filling in when <c>Gateway:Telemetry:Otlp:Endpoint</c> is not set.
    /// Read when the host is composed, because whether a per-request span exists is decided then.
    /// </summary>
    public static TelemetryOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        // Checked here as BindSettings would, since this runs before the options are: a bad value names its setting.
        var section = configuration.GetSection(Section);
        if (SettingsReader.Problems(section, typeof(TelemetryOptions)) is { Count: > 0 } problems)
        {
            throw new OptionsValidationException(Section, typeof(TelemetryOptions), problems);
        }

        var options = new TelemetryOptions();
        section.Bind(options);
        OtlpEnvironment.Apply(options.Otlp, configuration);
        return options;
    }
}
