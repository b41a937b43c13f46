using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>A page about one token (details, confirmations): loads it, or answers 404.</summary>
public abstract class TokenPageModel(TokenService tokens) : PageModel
{
    protected TokenService Tokens { get; } = tokens;

    public TokenView Token { get; private set; } = null!;

    public virtual async Task<IActionResult> OnGetAsync(long id)
    {
        if (await Tokens.GetAsync(id, HttpContext.RequestAborted) is not { } token)
        {
            return NotFound();
        }

        Token = token;
        return Page();
    }
}
