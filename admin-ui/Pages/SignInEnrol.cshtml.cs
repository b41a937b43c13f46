using Gateway.Staff;
using QRCoder;

namespace AdminUi.Pages;

/// <summary>
/// Enrolment at the first sign-in of an account that must use MFA: the secret as a QR code (a PNG data URI: the CSP
/// allows <c>data:</c> images and no inline script) and as text; the first code confirms it and signs in, then the
/// recovery codes are shown once.
/// </summary>
public sealed class SignInEnrolModel(StaffMfa mfa) : PageModel
{
    public const string RecoveryCodesKey = "recovery-codes";

    [BindProperty]
    public string? Code { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string Username { get; private set; } = "";

    public string QrDataUri { get; private set; } = "";

    /// <summary>The base32 secret in groups of four, as authenticator apps show it.</summary>
    public string SecretForReading { get; private set; } = "";

    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync() ? Page() : Redirect("/signin");

    public async Task<IActionResult> OnPostAsync()
    {
        var pending = await SignInFlow.PendingAsync(HttpContext);
        if (pending?.Next != SecondFactor.Enrol)
        {
            return Redirect("/signin");
        }

        var (result, codes) = await mfa.ConfirmEnrolmentAsync(pending.StaffId, pending.Stamp, Code ?? "", HttpContext.RequestAborted);
        if (result.Outcome == SignInOutcome.Succeeded)
        {
            TempData[RecoveryCodesKey] = string.Join('\n', codes);
            var signedIn = await SignInFlow.CompleteAsync(this, result, ReturnUrl);
            return signedIn is LocalRedirectResult ? Redirect("/signin/recovery-codes") : signedIn;
        }

        Message = SignInFlow.RefusedMessage;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return await ShowAsync() ? Page() : Redirect("/signin");
    }

    private async Task<bool> ShowAsync()
    {
        var pending = await SignInFlow.PendingAsync(HttpContext);
        var enrolment = pending?.Next == SecondFactor.Enrol
            ? await mfa.BeginEnrolmentAsync(pending.StaffId, pending.Stamp, HttpContext.RequestAborted)
            : null;
        if (enrolment is null)
        {
            return false;
        }

        Username = enrolment.Username;
        SecretForReading = string.Join(' ', enrolment.Secret.Chunk(4).Select(c => new string(c)));
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(enrolment.Uri, QRCodeGenerator.ECCLevel.M);
        QrDataUri = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
        return true;
    }
}
