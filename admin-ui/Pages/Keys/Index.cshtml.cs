using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Keys;

/// <summary>Admin API keys: create (shown once, owned by the admin who creates it), list, revoke. Admins only.</summary>
public sealed class KeysModel(AdminKeyService keys) : PageModel
{
    private const string PlaintextKey = "new-admin-key";

    public IReadOnlyList<AdminKeyView> Keys { get; private set; } = [];

    public string? Plaintext { get; private set; }

    public async Task OnGetAsync()
    {
        Keys = await keys.ListAsync(HttpContext.RequestAborted);
        Plaintext = TempData[PlaintextKey] as string;
    }

    public async Task<IActionResult> OnPostCreateAsync(string? name, string? role)
    {
        try
        {
            var (_, plaintext) = await keys.CreateAsync(name ?? "", role ?? "", AdminAuth.StaffId(User) ?? 0, AdminAuth.Actor(User), HttpContext.RequestAborted);
            TempData[PlaintextKey] = plaintext;
            return Redirect("/keys");
        }
        catch (TokenValidationException error)
        {
            Pages.Tokens.FormErrors.Add(ModelState, error);
            Keys = await keys.ListAsync(HttpContext.RequestAborted);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostRevokeAsync(long id)
    {
        await keys.RevokeAsync(id, AdminAuth.Actor(User), HttpContext.RequestAborted);
        return Redirect("/keys");
    }
}
