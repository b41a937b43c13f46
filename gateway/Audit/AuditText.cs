using System.Security.Cryptography;
using System.Text;

namespace Gateway.Audit;

/// <summary>
/// Bounds what a client-chosen string can cost in the audit log: past the cap it is cut and ends with its length and
/// the start of its SHA-256, so repeats of one long value can still be told apart and matched without storing it.
/// </summary>
public static class AuditText
{
    /// <summary>Most characters of a refused request's path and query kept in its audit event.</summary>
    public const int RefusedPathLimit = 256;

    /// <summary>Most characters of a refused request's User-Agent kept in its audit event.</summary>
    public const int RefusedUserAgentLimit = 128;

    /// <summary>Most characters of an allowed request's User-Agent kept in its audit event.</summary>
    public const int UserAgentLimit = 300;

    /// <summary><paramref name="text"/> when it fits in <paramref name="limit"/>, else its head and <c>…[N chars, sha256:…]</c>.</summary>
    public static string Cap(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= limit)
        {
            return text;
        }

        // Never cut a surrogate pair in two.
        var head = char.IsHighSurrogate(text[limit - 1]) ? limit - 1 : limit;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text.AsSpan(0, head)}…[{text.Length} chars, sha256:{Convert.ToHexStringLower(hash.AsSpan(0, 8))}]");
    }
}
