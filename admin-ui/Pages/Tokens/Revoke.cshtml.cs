using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>Revocation with a confirmation step.</summary>
public sealed class RevokeModel(TokenService tokens) : TokenPageModel(tokens)
{
    public async Task<IActionResult> OnPostAsync(long id, string? reason)
    {
        var token = await Tokens.RevokeAsync(id, AdminAuth.Actor(User), reason, HttpContext.RequestAborted);
        return token is null ? NotFound() : Redirect($"/tokens/{id}");
    }
}
