using Gateway.Staff;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace AdminUi.Pages.Staff;

/// <summary>The staff list (admins and auditors) and, for admins, a form to create an account.</summary>
public sealed class StaffModel(StaffService staff, IOptions<StaffOptions> options) : PageModel
{
    public IReadOnlyList<StaffView> Accounts { get; private set; } = [];

    public string? Username { get; private set; }

    public bool MfaForAdmins => options.Value.RequireMfaForAdmins;

    public bool Requires(string role) => options.Value.RequiresMfa(role);

    public async Task OnGetAsync() => Accounts = await staff.ListAsync(HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync(string? username, string? password, string? role)
    {
        if (!User.IsInRole(StaffRoles.Admin))
        {
            return Forbid();
        }

        try
        {
            var account = await staff.CreateAsync(username ?? "", password ?? "", role ?? "", AdminAuth.Actor(User), HttpContext.RequestAborted);
            return Redirect($"/staff/{account.Id}");
        }
        catch (TokenValidationException error)
        {
            Pages.Tokens.FormErrors.Add(ModelState, error);
            Username = username;
            Accounts = await staff.ListAsync(HttpContext.RequestAborted);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }
}
