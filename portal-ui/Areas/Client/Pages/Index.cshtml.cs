namespace PortalUi.Areas.Client.Pages;

/// <summary><c>/client</c> is the token page (seed 000's <c>/client/api-tokens</c>).</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(PortalAuth.HomePath);
}
