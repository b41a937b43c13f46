using Gateway.Tokens;

namespace AdminUi.Pages.Roles;

/// <summary>Deleting a role shows how many tokens lose it first.</summary>
public sealed class DeleteRoleModel(RoleService roles) : PageModel
{
    public RoleView Role { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string name)
    {
        if (await roles.GetAsync(name, HttpContext.RequestAborted) is not { } role)
        {
            return NotFound();
        }

        Role = role;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name) =>
        await roles.DeleteAsync(name, Gateway.Staff.AdminAuth.Actor(User), HttpContext.RequestAborted) is null ? NotFound() : Redirect("/roles");
}
