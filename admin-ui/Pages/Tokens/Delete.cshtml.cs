using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>Deletes an expired or revoked token, with a confirmation step.</summary>
public sealed class DeleteModel(TokenService tokens) : TokenPageModel(tokens)
{
    public async Task<IActionResult> OnPostAsync(long id)
    {
        try
        {
            return await Tokens.DeleteAsync(id, AdminAuth.Actor(User), HttpContext.RequestAborted) is null ? NotFound() : Redirect("/");
        }
        catch (TokenValidationException error)
        {
            FormErrors.Add(ModelState, error);
            return await OnGetAsync(id);
        }
    }
}
