using System.Globalization;
using System.Text.Json;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Audit;

/// <summary>
/// Reads the audit files back for the admin UI and API: newest first, filtered, a page at a time, or all
/// matching events for export. The files stay the source of truth; this only reads them.
/// </summary>
public sealed class AuditReader(IOptions<AuditOptions> options)
{
    private readonly string _folder = Path.GetFullPath(options.Value.Path);

    /// <summary>Matching events, newest first, across the server's and the CLI's files (merged day by day).</summary>
    public IEnumerable<JsonElement> Read(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (!Directory.Exists(_folder))
        {
            yield break;
        }

        var days = Directory.GetFiles(_folder, "audit-*.clef")
            .GroupBy(file => DayOf(file) ?? DateOnly.MinValue)
            .OrderByDescending(day => day.Key);
        foreach (var day in days)
        {
            // Daily files are named by date: skip the days wholly outside the range.
            if (day.Key != DateOnly.MinValue && (query.From is { } from && day.Key < DateOnly.FromDateTime(from.UtcDateTime) || query.To is { } to && day.Key > DateOnly.FromDateTime(to.UtcDateTime)))
            {
                continue;
            }

            var events = new List<(string Time, JsonElement Event)>();
            foreach (var line in day.SelectMany(ReadLines))
            {
                JsonElement e;
                try
                {
                    e = JsonDocument.Parse(line).RootElement.Clone();
                }
                catch (JsonException)
                {
                    continue;
                }

                if (Matches(e, query))
                {
                    events.Add((Text(e, "@t") ?? "", e));
                }
            }

            // ISO 8601 UTC stamps sort as text; the sort is stable, so one file's own order is kept on ties.
            foreach (var (_, e) in events.OrderByDescending(x => x.Time, StringComparer.Ordinal))
            {
                yield return e;
            }
        }
    }

    public Paged<JsonElement> Page(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var perPage = Math.Clamp(query.PerPage, 1, 500);
        var page = Math.Clamp(query.Page, 1, int.MaxValue / perPage);
        var total = 0;
        var items = new List<JsonElement>(perPage);
        foreach (var e in Read(query))
        {
            if (total >= (page - 1) * perPage && items.Count < perPage)
            {
                items.Add(e);
            }

            total++;
        }

        return new Paged<JsonElement>(items, page, perPage, total);
    }

    private static bool Matches(JsonElement e, AuditQuery q)
    {
        if ((q.From is not null || q.To is not null) && Text(e, "@t") is { } t
            && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && (at < q.From || at > q.To))
        {
            return false;
        }

        return (q.ClientId is null || Number(e, "ClientId") == q.ClientId || Number(After(e), "ClientId") == q.ClientId || Number(Before(e), "ClientId") == q.ClientId)
            && (q.TokenId is null || Number(e, "TokenId") == q.TokenId || Text(e, "Target") == $"token:{q.TokenId}")
            && (q.Decision is null || Text(e, "Decision") == q.Decision)
            && (q.Reason is null || Text(e, "Reason") == q.Reason || Text(e, "Action") == q.Reason);
    }

    private static JsonElement After(JsonElement e) => e.TryGetProperty("After", out var v) ? v : default;

    private static JsonElement Before(JsonElement e) => e.TryGetProperty("Before", out var v) ? v : default;

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long? Number(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : null;

    private static DateOnly? DayOf(string file)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        return name.Length >= 8 && DateOnly.TryParseExact(name[^8..], "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
    }

    private static List<string> ReadLines(string file)
    {
        // The writer keeps today's file open: share it.
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                lines.Add(line);
            }
        }

        return lines;
    }
}
