using Gateway.Audit;
using Gateway.Staff;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication;

namespace AdminUi.Pages;

/// <summary>
/// Staff sign-in. A wrong name, a wrong password and a locked account get the same answer, so the page
/// does not tell which usernames exist. Posts are rate-limited per address (policy <see cref="RateLimitPolicy"/>).
/// </summary>
public sealed class SignInModel(StaffService staff, IStaffAuditLog audit) : PageModel
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
        // A failed name is recorded only if it looks like a username: people type passwords into the wrong box.
        var actor = result.Account is { } account ? $"staff:{account.Username}"
            : TokenSpecValidator.IsValidName(Username?.Trim()) ? $"staff:{Username!.Trim().ToLowerInvariant()}" : "staff:(not a username)";
        audit.Record(new StaffAction("staff.sign_in", actor, Target: null, Outcome: result.Outcome switch
        {
            SignInOutcome.Succeeded => "succeeded",
            SignInOutcome.LockedOut => "locked_out",
            _ => "failed",
        }));
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
