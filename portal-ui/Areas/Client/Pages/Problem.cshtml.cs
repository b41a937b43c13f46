namespace PortalUi.Areas.Client.Pages;

/// <summary>Why the portal cannot serve the client now: unavailable (503), sign-in refused (400), closed (403).</summary>
public sealed class ProblemModel : PageModel
{
    public string Title { get; private set; } = "";

    public string Text { get; private set; } = "";

    public IActionResult OnGet(string kind)
    {
        if (PortalProblem.Describe(kind) is not { } problem)
        {
            return NotFound();
        }

        (Response.StatusCode, Title, Text) = problem;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            Response.Headers.RetryAfter = "30";
        }

        return Page();
    }
}
