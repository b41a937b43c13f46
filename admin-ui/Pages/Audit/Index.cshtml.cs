using System.Globalization;
using Gateway.Audit;

namespace AdminUi.Pages.Audit;

/// <summary>The audit view for admins and auditors: filters, pages newest first by cursor, and export links for the same filter.</summary>
public sealed class AuditModel(AuditReader reader) : PageModel
{
    public const int PerPage = 50;

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Client { get; set; }

    [BindProperty(SupportsGet = true)]
    public long? Token { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Decision { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cursor { get; set; }

    public AuditSlice Result { get; private set; } = new([], PerPage, null);

    /// <summary>The filter as a query string, for paging and the export links (the API takes the same names).</summary>
    public string FilterQuery { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var from = Day(From);
        var to = Day(To)?.AddDays(1).AddTicks(-1);
        var query = new AuditQuery
        {
            From = from,
            To = to,
            ClientId = Client,
            TokenId = Token,
            Decision = Text(Decision),
            Reason = Text(Reason),
            Actor = Text(Actor),
            // A cursor that is not one (edited by hand) starts again at the newest.
            Cursor = AuditCursor.Parse(Cursor) is null ? null : Cursor,
            PerPage = PerPage,
        };
        Result = await reader.PageAsync(query, cancellationToken);
        FilterQuery = QueryString.Create(new Dictionary<string, string?>
        {
            ["from"] = from?.ToString("o", CultureInfo.InvariantCulture),
            ["to"] = to?.ToString("o", CultureInfo.InvariantCulture),
            ["client"] = Client?.ToString(CultureInfo.InvariantCulture),
            ["token"] = Token?.ToString(CultureInfo.InvariantCulture),
            ["decision"] = query.Decision,
            ["reason"] = query.Reason,
            ["actor"] = query.Actor,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent().TrimStart('?');
    }

    /// <summary>This page's filters as the form sent them (dates as typed) and a cursor, for the "Older" and "Newest" links.</summary>
    public string PageQuery(string cursor)
    {
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["from"] = From,
            ["to"] = To,
            ["client"] = Client?.ToString(CultureInfo.InvariantCulture),
            ["token"] = Token?.ToString(CultureInfo.InvariantCulture),
            ["decision"] = Decision,
            ["reason"] = Reason,
            ["actor"] = Actor,
            ["cursor"] = cursor,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
        return query.Length == 0 ? "?" : query;
    }

    private static string? Text(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DateTimeOffset? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
}
