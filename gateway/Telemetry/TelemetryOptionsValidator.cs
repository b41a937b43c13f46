using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Gateway.Telemetry;

/// <summary>Stops the start on an OTLP setting that cannot work, naming it.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = OtlpEndpointValidator.Problems(options.Otlp, TelemetryOptions.Section + ":Otlp").ToList();
        // The nested section's ranges ([Range] on Timeout, MetricsInterval): data annotations stop at the top level.
        var ranges = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options.Otlp, new ValidationContext(options.Otlp), ranges, validateAllProperties: true))
        {
            failures.AddRange(ranges.Select(r => $"{TelemetryOptions.Section}:Otlp:{string.Join(", ", r.MemberNames)}: {r.ErrorMessage}"));
        }

        if (string.IsNullOrWhiteSpace(options.ServiceName))
        {
            failures.Add($"{TelemetryOptions.Section}:ServiceName must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
