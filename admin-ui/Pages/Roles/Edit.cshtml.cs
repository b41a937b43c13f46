using Gateway.Tokens;

namespace AdminUi.Pages.Roles;

public sealed class EditRoleModel(RoleService roles) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Name { get; set; } = "";

    [BindProperty]
    public RoleForm Form { get; set; } = new();

    public async Task<IActionResult> OnGetAsync()
    {
        if (await roles.GetAsync(Name, HttpContext.RequestAborted) is not { } role)
        {
            return NotFound();
        }

        Form = RoleForm.From(role);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        try
        {
            return await roles.EditAsync(Name, Form.ToSpec(), Gateway.Staff.AdminAuth.Actor(User), HttpContext.RequestAborted) is null ? NotFound() : Redirect("/roles");
        }
        catch (TokenValidationException error)
        {
            Tokens.FormErrors.Add(ModelState, error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
