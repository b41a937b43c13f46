using System.Text;

namespace Gateway.Tests.Hardening;

/// <summary>
/// One generated request: request line and header lines exactly as they go on the wire (nothing is validated
/// or normalised), an optional body, and for HTTP/2 the same request as HttpClient can carry it.
/// </summary>
public sealed record HostileRequest(string Case, string Method, string Target, string Version, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body = null)
{
    /// <summary>Marks the request so the backend's log entry can be traced back to it.</summary>
    public const string MarkerHeader = "X-Hostile-Id";

    public int Id { get; init; }

    /// <summary>Sent over HTTP/2 with HttpClient instead of raw HTTP/1.x bytes.</summary>
    public bool Http2 { get; init; }

    /// <summary>Kestrel may refuse it below the ASP.NET pipeline (malformed framing, limits, unknown version).</summary>
    public bool KestrelMayReject { get; init; }

    /// <summary>A clean request with a valid token: it must succeed.</summary>
    public bool MustSucceed { get; init; }

    public bool IsHead => Method == "HEAD";

    public byte[] ToBytes()
    {
        var head = new StringBuilder();
        head.Append(Method).Append(' ').Append(Target).Append(' ').Append(Version).Append("\r\n");
        head.Append(MarkerHeader).Append(": ").Append(Id).Append("\r\n");
        foreach (var (name, value) in Headers)
        {
            if (name.Length == 0)
            {
                // A raw line, as a test case spells it (a line with no colon, a stray CR …).
                head.Append(value).Append("\r\n");
                continue;
            }

            head.Append(name).Append(':').Append(value.Length > 0 && value[0] is ' ' or '\t' ? "" : " ").Append(value).Append("\r\n");
        }

        head.Append("\r\n");
        // Latin-1 keeps every char below 256 as one byte: test cases spell raw bytes (UTF-8 included) as such chars.
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. Body ?? []];
    }

    /// <summary>
    /// The token this request presents the legitimate way (DESIGN §4): exactly one <c>Authorization</c> field whose
    /// value, without the surrounding whitespace HTTP ignores, is <c>Bearer</c> (any case), spaces and the token.
    /// </summary>
    public string? PresentedToken(IReadOnlyCollection<string> validTokens)
    {
        var authorization = Headers.Where(h => h.Name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).ToList();
        if (authorization.Count != 1)
        {
            return null;
        }

        var value = authorization[0].Value.Trim(' ', '\t');
        if (value.Length < 8 || !value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var credential = value[7..].TrimStart(' ');
        return validTokens.Contains(credential) ? credential : null;
    }

    public override string ToString() => $"#{Id} {Case} ({(Http2 ? "h2" : Version)} {Method} {Shorten(Target)})";

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
