using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>Deletes an expired or revoked token, with a confirmation step.</summary>
public sealed class DeleteModel(TokenService tokens) : PageModel
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

    public async Task<IActionResult> OnPostAsync(long id)
    {
        try
        {
            return await tokens.DeleteAsync(id, HttpContext.RequestAborted) is null ? NotFound() : Redirect("/");
        }
        catch (TokenValidationException error)
        {
            FormErrors.Add(ModelState, error);
            return await OnGetAsync(id);
        }
    }
}
