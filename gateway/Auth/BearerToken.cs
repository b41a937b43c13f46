using Microsoft.Extensions.Primitives;

namespace Gateway.Auth;

/// <summary>
/// Reads the credential of <c>Authorization: Bearer &lt;token&gt;</c> (RFC 6750 §2.1): exactly one header, scheme
/// case-insensitive, one or more spaces before the token. Whitespace around the field value is not part of it
/// (RFC 9110 §5.5): HTTP/1.1 parsing already drops it and HTTP/2 framing keeps it, so it is trimmed here and both
/// protocols get one answer.
/// </summary>
public static class BearerToken
{
    private const string Scheme = "Bearer";

    /// <summary>
    /// False when there is no header. Otherwise true, with <paramref name="token"/> null when the header is
    /// malformed (several headers, another scheme, nothing after the scheme).
    /// </summary>
    public static bool TryRead(StringValues authorization, out string? token)
    {
        token = null;
        if (authorization.Count == 0)
        {
            return false;
        }

        if (authorization.Count > 1)
        {
            return true;
        }

        var value = authorization[0].AsSpan().Trim(" \t");
        if (value.Length <= Scheme.Length
            || !value.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            || value[Scheme.Length] != ' ')
        {
            return true;
        }

        var credential = value[Scheme.Length..].TrimStart(' ');
        if (credential.Length > 0 && credential.IndexOfAny(' ', '\t') < 0)
        {
            token = credential.ToString();
        }

        return true;
    }
}
