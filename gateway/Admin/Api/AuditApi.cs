using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Audit;
using Gateway.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Admin.Api;

/// <summary>The audit log over HTTP, for admins and auditors: a filtered view a page at a time, and a streamed export as CLEF or CSV.</summary>
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
        audit.MapGet("/", List).WithName("QueryAudit")
            .WithSummary("Audit events, newest first, a page at a time (filter by time, client, token, decision, reason or action, actor; `cursor` = the previous page's `meta.next`).");
        audit.MapGet("/export", Export).WithName("ExportAudit")
            .WithSummary("Every filtered event, oldest first, streamed as CLEF (format=clef, JSON lines exactly as written) or CSV (format=csv).");
        return api;
    }

    private static async Task<Ok<AuditPage>> List(
        AuditReader reader, DateTimeOffset? from, DateTimeOffset? to, long? client, long? token, string? decision, string? reason, string? actor,
        string? cursor, int? perPage, CancellationToken cancellationToken)
    {
        if (Empty(cursor) is { } given && AuditCursor.Parse(given) is null)
        {
            throw TokenRules.Invalid("cursor", "Cursor must be the meta.next of a previous page.");
        }

        var query = Query(from, to, client, token, decision, reason, actor) with { Cursor = Empty(cursor), PerPage = perPage ?? 50 };
        var result = await reader.PageAsync(query, cancellationToken);
        return TypedResults.Ok(new AuditPage(result.Items, new AuditPageMeta(result.PerPage, result.Next)));
    }

    private static PushStreamHttpResult Export(
        AuditReader reader, string? format, DateTimeOffset? from, DateTimeOffset? to, long? client, long? token, string? decision, string? reason, string? actor,
        CancellationToken cancellationToken)
    {
        var query = Query(from, to, client, token, decision, reason, actor);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        return format switch
        {
            null or "clef" => TypedResults.Stream(body => ClefAsync(reader, query, body, cancellationToken), "application/vnd.serilog.clef", $"audit-{stamp}.clef"),
            "csv" => TypedResults.Stream(body => CsvAsync(reader, query, body, cancellationToken), "text/csv; charset=utf-8", $"audit-{stamp}.csv"),
            _ => throw TokenRules.Invalid("format", "Format must be clef or csv."),
        };
    }

    // Line by line into the response: nothing is held but the line being copied (and the response's own buffer).
    private static async Task ClefAsync(AuditReader reader, AuditQuery query, Stream body, CancellationToken cancellationToken)
    {
        var newline = "\n"u8.ToArray();
        await foreach (var line in reader.ExportAsync(query, cancellationToken))
        {
            await body.WriteAsync(line, cancellationToken);
            await body.WriteAsync(newline, cancellationToken);
        }
    }

    private static async Task CsvAsync(AuditReader reader, AuditQuery query, Stream body, CancellationToken cancellationToken)
    {
        await using var csv = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await csv.WriteAsync(string.Join(',', CsvColumns) + "\n");
        await foreach (var line in reader.ExportAsync(query, cancellationToken))
        {
            await csv.WriteAsync(Row(line));
        }

        await csv.FlushAsync(cancellationToken);
    }

    private static string Row(ReadOnlyMemory<byte> line)
    {
        try
        {
            using var e = JsonDocument.Parse(line);
            return string.Join(',', CsvColumns.Select(column => Cell(e.RootElement.TryGetProperty(column, out var v) ? v : default))) + "\n";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static AuditQuery Query(DateTimeOffset? from, DateTimeOffset? to, long? client, long? token, string? decision, string? reason, string? actor) =>
        new() { From = from, To = to, ClientId = client, TokenId = token, Decision = Empty(decision), Reason = Empty(reason), Actor = Empty(actor) };

    private static string? Empty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

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

/// <summary>A page of audit events and where the next one starts.</summary>
public sealed record AuditPage(IReadOnlyList<JsonElement> Data, AuditPageMeta Meta);
