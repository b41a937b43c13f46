using Gateway.Sessions;
using Gateway.Staff;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace AdminUi.Pages.Staff;

/// <summary>One staff account (admins only): change role, disable/enable, reset password or MFA; each a form of its own.</summary>
public sealed class StaffDetailsModel(StaffService staff, SessionStore sessions, AdminKeyService keys, IOptions<StaffOptions> options) : PageModel
{
    private const string DoneKey = "staff-done";

    public StaffView Account { get; private set; } = null!;

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public IReadOnlyList<AdminKeyView> Keys { get; private set; } = [];

    public bool RequiresMfa => options.Value.RequiresMfa(Account.Role);

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await staff.GetAsync(id, HttpContext.RequestAborted) is not { } account)
        {
            return NotFound();
        }

        Account = account;
        Sessions = await sessions.ListLiveAsync(SessionSubject.Staff(id), HttpContext.RequestAborted);
        Keys = [.. (await keys.ListAsync(HttpContext.RequestAborted)).Where(k => k.OwnerId == id && k.RevokedAt is null)];
        Done ??= TempData[DoneKey] as string;
        return Page();
    }

    public Task<IActionResult> OnPostRoleAsync(long id, string? role) =>
        ChangeAsync(id, staff.ChangeRoleAsync(id, role ?? "", AdminAuth.Actor(User), HttpContext.RequestAborted), a => $"'{a.Username}' is now {a.Role}; its sessions ended.");

    public Task<IActionResult> OnPostDisableAsync(long id) =>
        ChangeAsync(id, staff.DisableAsync(id, AdminAuth.Actor(User), HttpContext.RequestAborted), a => $"'{a.Username}' is disabled: its sessions ended and its admin API keys stopped working.");

    public Task<IActionResult> OnPostEnableAsync(long id) =>
        ChangeAsync(id, staff.EnableAsync(id, AdminAuth.Actor(User), HttpContext.RequestAborted), a => $"'{a.Username}' is enabled.");

    public Task<IActionResult> OnPostResetPasswordAsync(long id, string? password) =>
        ChangeAsync(id, staff.ResetPasswordAsync(id, password ?? "", AdminAuth.Actor(User), HttpContext.RequestAborted), a => $"The password of '{a.Username}' is reset; its sessions ended.");

    public Task<IActionResult> OnPostResetMfaAsync(long id) =>
        ChangeAsync(id, staff.ResetMfaAsync(id, AdminAuth.Actor(User), HttpContext.RequestAborted), a => $"The MFA of '{a.Username}' is reset; it sets up an authenticator at its next sign-in.");

    private async Task<IActionResult> ChangeAsync(long id, Task<StaffView?> change, Func<StaffView, string> done)
    {
        try
        {
            if (await change is not { } account)
            {
                return NotFound();
            }

            TempData[DoneKey] = done(account);
            // Changing one's own account ends one's own session: back to the sign-in page then.
            return Redirect(AdminAuth.StaffId(User) == id ? "/signin" : $"/staff/{id}");
        }
        catch (TokenValidationException error)
        {
            Pages.Tokens.FormErrors.Add(ModelState, error);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await OnGetAsync(id);
        }
    }
}
