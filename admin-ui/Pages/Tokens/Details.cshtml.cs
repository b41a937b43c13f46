using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>One token; right after creation or a roll, its plaintext, once.</summary>
public sealed class DetailsModel(TokenService tokens) : PageModel
{
    public TokenView Token { get; private set; } = null!;

    public string? Plaintext { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await tokens.GetAsync(id, HttpContext.RequestAborted) is not { } token)
        {
            return NotFound();
        }

        Token = token;
        Plaintext = TempData[CreateModel.PlaintextKey] as string;
        return Page();
    }
}
