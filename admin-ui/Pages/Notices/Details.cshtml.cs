using Gateway.Notices;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminUi.Pages.Notices;

/// <summary>One delivery with its latest attempts, and (for admins) "send again".</summary>
public sealed class DetailsModel(DeliveryLog log) : PageModel
{
    public DeliveryView Delivery { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await log.GetAsync(id, HttpContext.RequestAborted) is not { } delivery)
        {
            return NotFound();
        }

        Delivery = delivery;
        return Page();
    }
}
