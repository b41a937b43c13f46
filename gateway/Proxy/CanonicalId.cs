namespace Gateway.Proxy;

/// <summary>
/// What a numeric route value may look like: a positive decimal number in its one canonical spelling — digits only,
/// no sign, no leading zero, no whitespace (a decoded <c>%09</c> or <c>%20</c> included), no exponent. The framework's
/// own <c>long</c> and <c>int</c> constraints take <c>+1</c>, <c> 1</c> and <c>1%09</c> and the route forwards them as
/// they came; a PHP backend reads several spellings as one record. Anything else is "no such route": 404.
/// </summary>
public static class CanonicalId
{
    public static bool IsValid(ReadOnlySpan<char> value, long max)
    {
        if (value.IsEmpty || value.Length > 19 || value[0] == '0')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number <= max;
    }

    /// <summary>The route value as the constraint sees it: a string, or a number someone put there in code.</summary>
    internal static bool Matches(RouteValueDictionary values, string routeKey, long max) =>
        values.TryGetValue(routeKey, out var value) && value switch
        {
            string text => IsValid(text, max),
            long or int => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) is > 0 and var n && n <= max,
            _ => false,
        };
}
