using Gateway.Staff;

namespace AdminUi.Pages;

/// <summary>Sign-in step two: a TOTP or recovery code. Counted against the same lockout and per-address limit as passwords.</summary>
public sealed class SignInMfaModel(StaffMfa mfa) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Username { get; private set; } = "";

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var pending = await SignInFlow.PendingAsync(HttpContext);
        if (pending?.Next != SecondFactor.Code)
        {
            return Redirect("/signin");
        }

        Username = pending.Username;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var pending = await SignInFlow.PendingAsync(HttpContext);
        if (pending?.Next != SecondFactor.Code)
        {
            return Redirect("/signin");
        }

        var result = await mfa.VerifyAsync(pending.StaffId, pending.Stamp, Code ?? "", HttpContext.RequestAborted);
        if (result.Outcome == SignInOutcome.Succeeded)
        {
            return await SignInFlow.CompleteAsync(this, result, ReturnUrl);
        }

        Username = pending.Username;
        Message = SignInFlow.RefusedMessage;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
