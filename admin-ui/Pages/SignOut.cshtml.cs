using Gateway.Audit;
using Gateway.Staff;
using Microsoft.AspNetCore.Authentication;

namespace AdminUi.Pages;

/// <summary>Signs out (POST only, with antiforgery like every form): the session ends in the store, so a copy of the cookie stops working too.</summary>
public sealed class SignOutModel(IStaffAuditLog audit) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(AdminAuth.CookieScheme);
        audit.Record(new StaffAction("staff.sign_out", AdminAuth.Actor(User), Target: null));
        return Redirect("/signin");
    }
}
