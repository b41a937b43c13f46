using System.Security.Cryptography;
using System.Text;

namespace Gateway.Audit;

/// <summary>
/// The tamper evidence of the audit log: every event carries <c>PrevHash</c>, the base64 SHA-256 of the
/// previous event's line exactly as written. Editing, removing or reordering a line breaks the link of the
/// line after it. The chain runs on across daily files and restarts (the first event of a file links to
/// the last line of the file before).
/// </summary>
public static class HashChain
{
    public const string PropertyName = "PrevHash";

    /// <summary>What the first event of a new audit trail links to.</summary>
    public const string Genesis = "genesis";

    public static string Of(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(line)));
    }

    /// <summary>The hash of the last complete line of the newest audit file in <paramref name="folder"/>, or <see cref="Genesis"/>.</summary>
    public static string ResumeFrom(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return Genesis;
        }

        foreach (var file in Directory.GetFiles(folder, "audit-*.clef").OrderDescending(StringComparer.Ordinal))
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
}
