namespace Gateway.Telemetry;

/// <summary>What an OTLP endpoint setting must be; messages name the setting, never a header's value (it may be a key).</summary>
public static class OtlpEndpointValidator
{
    public static IEnumerable<string> Problems(OtlpEndpointOptions options, string section)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.IsConfigured)
        {
            yield break;
        }

        if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment) || !string.IsNullOrEmpty(endpoint.UserInfo))
        {
            yield return $"{section}:Endpoint must be an http:// or https:// address without query or credentials (e.g. http://collector:4318); credentials go in {section}:Headers.";
        }

        foreach (var (name, value) in options.Headers)
        {
            if (name.Length == 0 || !name.All(IsTokenChar))
            {
                yield return $"{section}:Headers: '{name}' is not an HTTP header name.";
            }
            else if (value.Any(c => c is ',' or '\r' or '\n' or '\0'))
            {
                // The exporter takes headers as one "name=value,…" list, so a comma would split the value.
                yield return $"{section}:Headers:{name} must not contain a comma or a line break.";
            }
        }
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);
}
