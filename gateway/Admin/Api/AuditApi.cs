using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Audit;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin.Api;

/// <summary>The audit log over HTTP, for admins and auditors: a filtered view and an export as CLEF or CSV.</summary>
public static class AuditApi
{
    private static readonly string[] CsvColumns =
    [
        "@t", "EventType", "Decision", "Reason", "Action", "Outcome", "Actor", "ActorIp", "ClientIp", "TokenId", "ClientId",
        "HashedToken", "Method", "Path", "RouteId", "Target", "Status", "UpstreamStatus", "DurationMs", "RequestId",
    ];

    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var audit = api.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/", List).WithName("QueryAudit").WithSummary("Audit events, newest first (filter by time, client, token, decision, reason or action).");
        audit.MapGet("/export", Export).WithName("ExportAudit").WithSummary("The filtered events as CLEF (format=clef) or CSV (format=csv), oldest first.");
        return api;
    }

    private static Ok<AuditPage> List(
        AuditReader reader, DateTimeOffset? from, DateTimeOffset? to, long? client, long? token, string? decision, string? reason, int? page, int? perPage)
    {
        var result = reader.Page(Query(from, to, client, token, decision, reason) with { Page = page ?? 1, PerPage = perPage ?? 50 });
        return TypedResults.Ok(new AuditPage(result.Items, new PageMeta(result.Page, result.PerPage, result.Total, result.LastPage)));
    }

    private static FileContentHttpResult Export(
        AuditReader reader, string? format, DateTimeOffset? from, DateTimeOffset? to, long? client, long? token, string? decision, string? reason)
    {
        var events = reader.Read(Query(from, to, client, token, decision, reason)).Reverse().ToList();
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return format switch
        {
            null or "clef" => TypedResults.File(Encoding.UTF8.GetBytes(string.Concat(events.Select(e => e.GetRawText() + "\n"))), "application/vnd.serilog.clef", $"audit-{stamp}.clef"),
            "csv" => TypedResults.File(Encoding.UTF8.GetBytes(Csv(events)), "text/csv; charset=utf-8", $"audit-{stamp}.csv"),
            _ => throw TokenRules.Invalid("format", "Format must be clef or csv."),
        };
    }

    private static AuditQuery Query(DateTimeOffset? from, DateTimeOffset? to, long? client, long? token, string? decision, string? reason) =>
        new() { From = from, To = to, ClientId = client, TokenId = token, Decision = Empty(decision), Reason = Empty(reason) };

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string Csv(IEnumerable<JsonElement> events)
    {
        var csv = new StringBuilder().AppendLine(string.Join(',', CsvColumns));
        foreach (var e in events)
        {
            csv.AppendLine(string.Join(',', CsvColumns.Select(column => Cell(e.TryGetProperty(column, out var v) ? v : default))));
        }

        return csv.ToString();
    }

    // Quoted when needed; a leading = + - @ is neutralised so a spreadsheet never runs a cell as a formula.
    private static string Cell(JsonElement value)
    {
        var text = value.ValueKind switch
        {
            JsonValueKind.Undefined or JsonValueKind.Null => "",
            JsonValueKind.String => value.GetString() ?? "",
            _ => value.GetRawText(),
        };
        if (text.Length > 0 && "=+-@".Contains(text[0], StringComparison.Ordinal) && value.ValueKind == JsonValueKind.String)
        {
            text = "'" + text;
        }

        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}

/// <summary>A page of audit events in the API's pagination shape.</summary>
public sealed record AuditPage(IReadOnlyList<JsonElement> Data, PageMeta Meta);
