using Gateway.Notices;
using Gateway.Staff;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace AdminUi.Pages.Notices;

/// <summary>Queues a delivery again (admins only; audited as <c>notice.resent</c>).</summary>
public sealed class SendAgainModel(DeliveryLog log) : PageModel
{
    public IActionResult OnGet(long id) => Redirect($"/notices/{id}");

    public async Task<IActionResult> OnPostAsync(long id) =>
        await log.SendAgainAsync(id, AdminAuth.Actor(User), HttpContext.RequestAborted) is null ? NotFound() : Redirect($"/notices/{id}");
}
