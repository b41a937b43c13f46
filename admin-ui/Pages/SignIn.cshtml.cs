using Gateway.Staff;
using Microsoft.AspNetCore.Authentication;

namespace AdminUi.Pages;

/// <summary>
/// Staff sign-in. A wrong name, a wrong password and a locked account get the same answer, so the page
/// does not tell which usernames exist. Posts are rate-limited per address (policy <see cref="RateLimitPolicy"/>).
/// </summary>
public sealed class SignInModel(StaffService staff) : PageModel
{
    public const string RateLimitPolicy = "staff-signin";

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
        if (result.Outcome == SignInOutcome.Succeeded)
        {
            await HttpContext.SignInAsync(AdminAuth.CookieScheme, AdminAuth.CreatePrincipal(result.Account!));
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }

        Message = "Sign-in refused: wrong username or password, or the account is locked after "
            + $"{StaffService.MaxFailedSignIns} failed attempts (it opens again after {StaffService.LockoutDuration.TotalMinutes:0} minutes, or when an admin resets the password).";

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
