using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>"Revoke all" for a client, with a confirmation that names the count.</summary>
public sealed class RevokeAllModel(TokenService tokens) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Client { get; set; }

    public int LiveCount { get; private set; }

    public async Task OnGetAsync()
    {
        var all = await tokens.ListAsync(Client, HttpContext.RequestAborted);
        // The same set RevokeAllAsync revokes: everything not revoked yet (expired ones too).
        LiveCount = all.Count(t => t.Status != TokenStatus.Revoked);
    }

    public async Task<IActionResult> OnPostAsync(string? reason)
    {
        await tokens.RevokeAllAsync(Client, AdminAuth.Actor(User), reason, HttpContext.RequestAborted);
        return Redirect($"/?client={Client}");
    }
}
