using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>
/// Creates a token and shows its plaintext once: it travels to the details page in TempData (sealed by
/// data protection, deleted once read), so a refresh there shows it no more.
/// </summary>
public sealed class CreateModel(TokenService tokens, RoleService roles, ExpiryRules expiry) : PageModel
{
    [BindProperty]
    public TokenForm Form { get; set; } = new();

    public IReadOnlyList<RoleView> Roles { get; private set; } = [];

    public async Task OnGetAsync([FromQuery] long? client)
    {
        Form.ClientId = client ?? 0;
        // The same default as every other path: today + 1 year, or sooner under the global maximum lifetime.
        Form.ExpiresOn = expiry.Default(clientMaxDays: null);
        Roles = await roles.ListAsync(HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Input that did not even bind (a bad date, a word for a number) is refused, never guessed at.
        Form.Check(ModelState);
        if (!ModelState.IsValid)
        {
            return await RefuseAsync();
        }

        try
        {
            var created = await tokens.CreateAsync(Form.ToSpec(), AdminAuth.Actor(User), HttpContext.RequestAborted);
            NewToken.Keep(TempData, created);
            return Redirect($"/tokens/{created.Token.Id}");
        }
        catch (TokenValidationException error)
        {
            FormErrors.Add(ModelState, error);
            return await RefuseAsync();
        }
    }

    private async Task<IActionResult> RefuseAsync()
    {
        Roles = await roles.ListAsync(HttpContext.RequestAborted);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
