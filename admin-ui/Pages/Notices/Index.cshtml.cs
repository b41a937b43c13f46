using Gateway.Notices;
using Gateway.Tokens;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminUi.Pages.Notices;

/// <summary>The delivery log: every notice e-mail and webhook, newest first, optionally by status.</summary>
public sealed class IndexModel(DeliveryLog log) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Paged<DeliveryView> Result { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var status = DeliveryStatus.All.Contains(Status) ? Status : null;
        Status = status;
        Result = await log.QueryAsync(status, PageNumber, 50, HttpContext.RequestAborted);
    }
}
