using Gateway.Tokens;
using Gateway.Usage;

namespace AdminUi.Pages.Tokens;

/// <summary>One token; right after creation or a roll, its plaintext, once.</summary>
public sealed class DetailsModel(TokenService tokens, TokenUsageService usage) : PageModel
{
    public TokenView Token { get; private set; } = null!;

    public string? Plaintext { get; private set; }

    /// <summary>Requests per day over the last 30 days and the client addresses seen.</summary>
    public TokenUsageReport Usage { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await tokens.GetAsync(id, HttpContext.RequestAborted) is not { } token)
        {
            return NotFound();
        }

        Token = token;
        Plaintext = TempData[CreateModel.PlaintextKey] as string;
        Usage = await usage.GetAsync(id, 30, HttpContext.RequestAborted);
        return Page();
    }
}
