using System.Globalization;
using Gateway.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gateway.Admin;

/// <summary>
/// Checks every staff cookie against the account: a password reset (it changes the security stamp) ends
/// sign-ins made before it. API callers get 401/403 problems, not redirects.
/// </summary>
internal static class StaffCookieEvents
{
    public static CookieAuthenticationEvents Create() => new()
    {
        OnValidatePrincipal = ValidateAsync,
        OnRedirectToLogin = context => AdminProblems.IsApi(context.HttpContext)
            ? AdminProblems.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in or present an admin API key.")
            : Redirect(context),
        OnRedirectToAccessDenied = context => AdminProblems.IsApi(context.HttpContext)
            ? AdminProblems.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Your role may not do this.")
            : Redirect(context),
    };

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var idText = principal?.FindFirst(AdminAuth.StaffIdClaim)?.Value;
        var stamp = principal?.FindFirst(AdminAuth.SecurityStampClaim)?.Value;
        var staff = context.HttpContext.RequestServices.GetRequiredService<StaffService>();
        var account = long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await staff.GetAsync(id, context.HttpContext.RequestAborted)
            : null;
        // The stamp changes on a password reset; a lockout does not end open sessions (see StaffService).
        if (account is null || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminAuth.CookieScheme);
        }
    }
}
