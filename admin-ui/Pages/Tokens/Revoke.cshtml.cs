using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>Revocation with a confirmation step.</summary>
public sealed class RevokeModel(TokenService tokens) : PageModel
{
    public TokenView Token { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await tokens.GetAsync(id, HttpContext.RequestAborted) is not { } token)
        {
            return NotFound();
        }

        Token = token;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, string? reason)
    {
        var token = await tokens.RevokeAsync(id, AdminAuth.Actor(User), reason, HttpContext.RequestAborted);
        return token is null ? NotFound() : Redirect($"/tokens/{id}");
    }
}
