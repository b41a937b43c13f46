using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Roles;

/// <summary>Roles with how many tokens hold each; admins create new ones here.</summary>
public sealed class RolesModel(RoleService roles) : PageModel
{
    public IReadOnlyList<RoleView> Roles { get; private set; } = [];

    [BindProperty]
    public RoleForm Form { get; set; } = new();

    public async Task OnGetAsync() => Roles = await roles.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!User.IsInRole(StaffRoles.Admin))
        {
            return Forbid(AdminAuth.CookieScheme);
        }

        ModelState.Clear();
        try
        {
            await roles.CreateAsync(Form.ToSpec(), AdminAuth.Actor(User), HttpContext.RequestAborted);
            return Redirect("/roles");
        }
        catch (TokenValidationException error)
        {
            Tokens.FormErrors.Add(ModelState, error);
            await OnGetAsync();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
