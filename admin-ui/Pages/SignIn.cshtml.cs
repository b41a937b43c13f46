using Gateway.Staff;
using Microsoft.AspNetCore.Authentication;

namespace AdminUi.Pages;

/// <summary>Staff sign-in: one message for a wrong name or password; a lockout says until when.</summary>
public sealed class SignInModel(StaffService staff) : PageModel
{
    [BindProperty]
    public string? Username { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Message { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        var result = await staff.SignInAsync(Username ?? "", Password ?? "", HttpContext.RequestAborted);
        switch (result.Outcome)
        {
            case SignInOutcome.Succeeded:
                await HttpContext.SignInAsync(AdminAuth.CookieScheme, AdminAuth.CreatePrincipal(result.Account!));
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
            case SignInOutcome.LockedOut:
                Message = $"This account is locked after too many failed sign-ins. Try again after {result.LockedUntil:HH:mm} UTC, or ask an admin to reset the password.";
                break;
            default:
                Message = "Wrong username or password.";
                break;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
