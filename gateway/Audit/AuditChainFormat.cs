using System.Security.Cryptography;
using System.Text;

namespace Gateway.Audit;

/// <summary>
/// How an audit line carries its link in the chain. A keyed line ends with <c>,"Mac":"…"}</c>: the base64
/// HMAC-SHA256, under the key named by its <c>KeyId</c>, of the line without that last member. The line also holds
/// <c>PrevMac</c>, the MAC of the line before it in its chain (<see cref="Genesis"/> for the first), so a line cannot
/// be edited, removed, inserted or moved without the key. Lines written before the chain was keyed carry
/// <c>PrevHash</c> instead, the unkeyed SHA-256 of the line before them.
/// </summary>
public static partial class AuditChainFormat
{
    public const string KeyIdProperty = "KeyId";

    public const string PreviousProperty = "PrevMac";

    /// <summary>The link of lines written before the chain was keyed.</summary>
    public const string LegacyProperty = "PrevHash";

    /// <summary>What the first event of a new chain links to.</summary>
    public const string Genesis = "genesis";

    private static readonly byte[] MacPrefix = Encoding.ASCII.GetBytes(",\"Mac\":\"");

    /// <summary>Length of <c>,"Mac":"</c> + 44 base64 characters + <c>"}</c>.</summary>
    public const int MacSuffixLength = 8 + 44 + 2;

    /// <summary>The unkeyed link of a line written before the key (base64 SHA-256 of the line).</summary>
    public static string LegacyLink(ReadOnlySpan<byte> line) => Convert.ToBase64String(SHA256.HashData(line));

    /// <summary>The MAC a keyed line ends with, or null for any other line.</summary>
    public static string? MacOf(ReadOnlySpan<byte> line)
    {
        if (line.Length <= MacSuffixLength || !line.EndsWith("\"}"u8) || !line[^MacSuffixLength..].StartsWith(MacPrefix))
        {
            return null;
        }

        return Encoding.ASCII.GetString(line[^(MacSuffixLength - MacPrefix.Length)..^2]);
    }

    /// <summary>What the line after this one links to: its MAC, or for a line written before the key, its SHA-256.</summary>
    public static string LinkOf(ReadOnlySpan<byte> line) => MacOf(line) ?? LegacyLink(line);

    /// <summary>Whether <paramref name="key"/> signed this keyed line as it is.</summary>
    public static bool Verifies(AuditKey key, ReadOnlySpan<byte> line, string mac)
    {
        ArgumentNullException.ThrowIfNull(key);
        // The signed content is the line without its MAC member, closed again: {…,"PrevMac":"…"}.
        var content = new byte[line.Length - MacSuffixLength + 1];
        line[..^MacSuffixLength].CopyTo(content);
        content[^1] = (byte)'}';
        return key.Verifies(content, mac);
    }

    /// <summary>Appends the MAC member to a rendered event (<c>{…}</c>), signing it with <paramref name="key"/>.</summary>
    public static string Sign(string content, AuditKey key, out string mac)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(key);
        mac = key.Sign(Encoding.UTF8.GetBytes(content));
        return string.Concat(content.AsSpan(0, content.Length - 1), ",\"Mac\":\"", mac, "\"}");
    }

    /// <summary>The chain a file belongs to: its name without the date (<c>audit-</c>, <c>audit-2-</c>, <c>audit-cli-</c>).</summary>
    public static string ChainOf(string file) =>
        DatedFile().Match(Path.GetFileName(file)) is { Success: true } match ? match.Groups[1].Value : Path.GetFileName(file);

    [System.Text.RegularExpressions.GeneratedRegex(@"^(.*?)\d{8}(_\d+)?\.clef$")]
    private static partial System.Text.RegularExpressions.Regex DatedFile();
}
