using Gateway.Staff;

namespace AdminUi.Pages;

/// <summary>
/// Staff sign-in, step one. A wrong name, a wrong password, a disabled and a locked account get the same answer, so the
/// page does not tell which usernames exist. Posts are rate-limited per address (policy <see cref="RateLimitPolicy"/>).
/// </summary>
public sealed class SignInModel(StaffSignIn staff) : PageModel
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
            return await SignInFlow.AfterPasswordAsync(this, result, ReturnUrl);
        }

        Message = SignInFlow.RefusedMessage;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
