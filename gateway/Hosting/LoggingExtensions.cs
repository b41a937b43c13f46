using Gateway.Telemetry;
using Gateway.Tokens;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Gateway.Hosting;

public static class LoggingExtensions
{
    private const string ConsoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    /// <summary>
    /// Serilog for the application log: a human console log, the framework's own request logging at
    /// Warning so the hot path stays quiet, secrets redacted from every event, the same events shipped over OTLP when
    /// <c>Gateway:Telemetry:Otlp</c> says so (<see cref="OtlpLogShipper"/>). A <c>Serilog</c> section in
    /// configuration can change levels; the audit log (Audit/) is separate and cannot be silenced this way.
    /// </summary>
    public static WebApplicationBuilder AddGatewayLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSecretRedactor();
        builder.Services.AddSerilog(
            (services, logger) =>
            {
                var redactor = services.GetRequiredService<SecretRedactor>();
                logger
                    .MinimumLevel.Information()
                    .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.Extensions.Http", LogEventLevel.Warning)
                    .MinimumLevel.Override("Yarp", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                    .ReadFrom.Configuration(builder.Configuration)
                    .Enrich.FromLogContext()
                    .Enrich.With(redactor)
                    .WriteTo.Console(ConsoleFormatter(redactor));
                services.GetKeyedService<OtlpLogShipper>(TelemetryExtensions.LogsStream)?.WriteTo(logger.WriteTo, redactor);
            },
            preserveStaticLogger: true);

        // With any enabled logger on this category, ASP.NET Core starts an Activity and a log scope for every
        // request, only to write "Request starting/finished" at Information, which this log never shows; the
        // audit log already records every request. Measured in bench/: a few percent of the gateway's CPU.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);
        return builder;
    }

    /// <summary>One redactor for the console and the audit log, knowing the configured token prefix.</summary>
    public static IServiceCollection AddSecretRedactor(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => new SecretRedactor([sp.GetRequiredService<IOptions<TokenOptions>>().Value.Prefix]));
        return services;
    }

    /// <summary>The console line, redacted as a whole (exception text included).</summary>
    public static RedactingFormatter ConsoleFormatter(SecretRedactor redactor, string template = ConsoleTemplate) =>
        new(new MessageTemplateTextFormatter(template, System.Globalization.CultureInfo.InvariantCulture), redactor);
}
