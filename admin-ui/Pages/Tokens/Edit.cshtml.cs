using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Tokens;

/// <summary>Changes a token's name, scopes, roles, allowed IPs, expiry and limit.</summary>
public sealed class EditModel(TokenService tokens, RoleService roles) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public long Id { get; set; }

    [BindProperty]
    public TokenForm Form { get; set; } = new();

    public string Hint { get; private set; } = "";

    public IReadOnlyList<RoleView> Roles { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await tokens.GetAsync(Id, HttpContext.RequestAborted) is not { } token)
        {
            return NotFound();
        }

        Form = TokenForm.From(token);
        Hint = token.Hint;
        Roles = await roles.ListAsync(HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Form.Check(ModelState);
        if (!ModelState.IsValid)
        {
            return await RefuseAsync();
        }

        var edit = new TokenEdit
        {
            Name = Form.Name,
            Scopes = Form.Scopes,
            Roles = Form.Roles,
            AllowedIps = Form.IpList(),
            ExpiresOn = new Change<DateOnly?>(Form.EffectiveExpiry()),
            RateLimitPerMinute = new Change<int?>(Form.RateLimitPerMinute),
        };
        try
        {
            var token = await tokens.EditAsync(Id, edit, AdminAuth.Actor(User), HttpContext.RequestAborted);
            return token is null ? NotFound() : Redirect($"/tokens/{Id}");
        }
        catch (TokenValidationException error)
        {
            FormErrors.Add(ModelState, error);
            return await RefuseAsync();
        }
    }

    private async Task<IActionResult> RefuseAsync()
    {
        var token = await tokens.GetAsync(Id, HttpContext.RequestAborted);
        Hint = token?.Hint ?? "";
        Form.ClientId = token?.ClientId ?? 0;
        Roles = await roles.ListAsync(HttpContext.RequestAborted);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
