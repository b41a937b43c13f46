using Gateway.Staff;
using Gateway.Tokens;

namespace AdminUi.Pages.Staff;

/// <summary>Deletes a staff account, with a confirmation step (admins only; never the last enabled admin).</summary>
public sealed class StaffDeleteModel(StaffService staff) : PageModel
{
    public StaffView Account { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await staff.GetAsync(id, HttpContext.RequestAborted) is not { } account)
        {
            return NotFound();
        }

        Account = account;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id)
    {
        try
        {
            return await staff.DeleteAsync(id, AdminAuth.Actor(User), HttpContext.RequestAborted) is null ? NotFound()
                : Redirect(AdminAuth.StaffId(User) == id ? "/signin" : "/staff");
        }
        catch (TokenValidationException error)
        {
            Pages.Tokens.FormErrors.Add(ModelState, error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(id);
        }
    }
}
