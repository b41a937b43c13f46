using Gateway.Tokens;

namespace AdminUi.Pages;

/// <summary>The token list: filtered by client, status and name in the store, and by any text on the page as you type.</summary>
public sealed class IndexModel(TokenService tokens) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long? Client { get; set; }

    [BindProperty(SupportsGet = true)]
    public TokenStatus? Status { get; set; }

    /// <summary>Part of a name, searched in the store across every page (the box also filters the shown page as you type).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<TokenView> Result { get; private set; } = new([], 1, 50, 0);

    public async Task OnGetAsync() =>
        Result = await tokens.QueryAsync(new TokenQuery { ClientId = Client, Status = Status, Search = Search, Page = PageNumber, PerPage = 50 }, HttpContext.RequestAborted);

    public string PageLink(int page) => "/" + QueryString.Create(new Dictionary<string, string?>
    {
        ["client"] = Client?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["status"] = Status?.ToString(),
        ["search"] = Search,
        ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => p.Value is not null)).ToUriComponent();
}
