namespace LegacyStub.Api;

/// <summary>Reads query parameters the way PHP fills <c>$_GET</c>: names are case-sensitive and the last repeat wins.</summary>
internal static class QueryString
{
    public static string? LastValue(string? rawQuery, string name)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return null;
        }

        string? value = null;
        foreach (var pair in rawQuery.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Decode(equals < 0 ? pair : pair[..equals]);
            if (string.Equals(key, name, StringComparison.Ordinal))
            {
                value = equals < 0 ? string.Empty : Decode(pair[(equals + 1)..]);
            }
        }

        return value;
    }

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));
}
