using System.Globalization;
using System.Text.Json;
using Gateway.Audit;
using Gateway.Tokens;

namespace AdminUi.Pages.Audit;

/// <summary>The audit view for admins and auditors: filters, pages, and export links for the same filter.</summary>
public sealed class AuditModel(AuditReader reader) : PageModel
{
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

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<JsonElement> Result { get; private set; } = new([], 1, 50, 0);

    /// <summary>The filter as a query string, for paging and the export links (the API takes the same names).</summary>
    public string FilterQuery { get; private set; } = "";

    public void OnGet()
    {
        var from = Day(From);
        var to = Day(To);
        Result = reader.Page(new AuditQuery
        {
            From = from,
            To = to?.AddDays(1).AddTicks(-1),
            ClientId = Client,
            TokenId = Token,
            Decision = string.IsNullOrWhiteSpace(Decision) ? null : Decision,
            Reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(),
            Page = PageNumber,
            PerPage = 50,
        });
        FilterQuery = QueryString.Create(new Dictionary<string, string?>
        {
            ["from"] = from?.ToString("o", CultureInfo.InvariantCulture),
            ["to"] = to?.AddDays(1).AddTicks(-1).ToString("o", CultureInfo.InvariantCulture),
            ["client"] = Client?.ToString(CultureInfo.InvariantCulture),
            ["token"] = Token?.ToString(CultureInfo.InvariantCulture),
            ["decision"] = Decision,
            ["reason"] = Reason,
        }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent().TrimStart('?');
    }

    private static DateTimeOffset? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;
}
