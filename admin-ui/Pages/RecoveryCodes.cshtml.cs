namespace AdminUi.Pages;

/// <summary>Shows the recovery codes made at enrolment, once (they travel in TempData, read and gone).</summary>
public sealed class RecoveryCodesModel : PageModel
{
    public IReadOnlyList<string> Codes { get; private set; } = [];

    public void OnGet() =>
        Codes = TempData[SignInEnrolModel.RecoveryCodesKey] is string codes ? codes.Split('\n', StringSplitOptions.RemoveEmptyEntries) : [];
}
