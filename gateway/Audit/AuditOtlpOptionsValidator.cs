using Gateway.Telemetry;
using Microsoft.Extensions.Options;

namespace Gateway.Audit;

/// <summary>Stops the start on an audit OTLP setting that cannot work, naming it.</summary>
internal sealed class AuditOtlpOptionsValidator : IValidateOptions<AuditOtlpOptions>
{
    public ValidateOptionsResult Validate(string? name, AuditOtlpOptions options)
    {
        var failures = OtlpEndpointValidator.Problems(options, AuditOtlpOptions.Section).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
