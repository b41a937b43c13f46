using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>Issues a replacement token; the new plaintext is shown once on its details page.</summary>
public sealed class RollModel(TokenService tokens) : TokenPageModel(tokens)
{
    public async Task<IActionResult> OnPostAsync(long id, int overlapMinutes)
    {
        if (!ModelState.IsValid)
        {
            // An overlap that did not bind must not turn into "stop the old token now".
            return await OnGetAsync(id);
        }

        try
        {
            var created = await Tokens.RollAsync(id, TimeSpan.FromMinutes(overlapMinutes), AdminAuth.Actor(User), HttpContext.RequestAborted);
            if (created is null)
            {
                return NotFound();
            }

            NewToken.Keep(TempData, created);
            return Redirect($"/tokens/{created.Token.Id}");
        }
        catch (TokenValidationException error)
        {
            FormErrors.Add(ModelState, error);
            return await OnGetAsync(id);
        }
    }
}
