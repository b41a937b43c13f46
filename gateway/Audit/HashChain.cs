using System.Security.Cryptography;
using System.Text;

namespace Gateway.Audit;

/// <summary>
/// The tamper evidence of the audit log: every event carries <c>PrevHash</c>, the base64 SHA-256 of the
/// previous event's line exactly as written. Editing, removing or reordering a line breaks the link of the
/// line after it. The chain runs on across daily files and restarts (the first event of a file links to
/// the last line of the file before).
/// </summary>
public static partial class HashChain
{
    public const string PropertyName = "PrevHash";

    /// <summary>What the first event of a new audit trail links to.</summary>
    public const string Genesis = "genesis";

    public static string Of(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
    }

    /// <summary>The chain a file belongs to: its name without the date (<c>audit-</c>, <c>audit-cli-</c>).</summary>
    public static string ChainOf(string file) =>
        DatedFile().Match(Path.GetFileName(file)) is { Success: true } match ? match.Groups[1].Value : Path.GetFileName(file);

    /// <summary>The hash of the last complete line of the newest file of the chain <paramref name="prefix"/>, or <see cref="Genesis"/>.</summary>
    public static string ResumeFrom(string folder, string prefix)
    {
        if (!Directory.Exists(folder))
        {
            return Genesis;
        }

        var chain = Directory.GetFiles(folder, prefix + "*.clef").Where(f => ChainOf(f) == prefix);
        foreach (var file in chain.OrderDescending(StringComparer.Ordinal))
        {
            string? last = null;
            foreach (var line in File.ReadLines(file))
            {
                if (line.Length > 0)
                {
                    last = line;
                }
            }

            if (last is not null)
            {
                return Of(last);
            }
        }

        return Genesis;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(.*?)\d{8}(_\d+)?\.clef$")]
    private static partial System.Text.RegularExpressions.Regex DatedFile();
}
