using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Gateway.Audit;

/// <summary>
/// Where a page of the audit view ends: the last event's time, file and offset, opaque to clients. Names the file
/// rather than an index row, so that it means the same on every instance reading the same audit folder.
/// </summary>
public sealed record AuditCursor(long Ticks, string File, long Offset)
{
    public override string ToString() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Ticks}:{Offset}:{File}")));

    /// <summary>The cursor, or null for text that is not one (a client's mistake: it gets a 400, not a 500).</summary>
    public static AuditCursor? Parse(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 512)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split(':', 3);
            return parts.Length == 3
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
                && parts[2].Length > 0
                ? new AuditCursor(ticks, parts[2], offset)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
