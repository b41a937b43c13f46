namespace LegacyStub.Api;

/// <summary>
/// Header lookup by name, ignoring case: HTTP header names are case-insensitive, but the dictionaries
/// WireMock hands to matchers and callbacks are keyed by whatever spelling the client sent.
/// </summary>
internal static class RequestHeaders
{
    public static IReadOnlyList<string> Values<TValues>(IEnumerable<KeyValuePair<string, TValues>>? headers, string name)
        where TValues : IEnumerable<string>
    {
        if (headers is null)
        {
            return [];
        }

        var values = new List<string>();
        foreach (var (key, headerValues) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                values.AddRange(headerValues);
            }
        }

        return values;
    }
}
