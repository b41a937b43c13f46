using Gateway.Staff;
using Microsoft.AspNetCore.Authentication;

namespace AdminUi.Pages;

/// <summary>Signs out (POST only, with antiforgery like every form).</summary>
public sealed class SignOutModel : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AdminAuth.CookieScheme);
        return Redirect("/signin");
    }
}
