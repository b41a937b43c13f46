using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gateway.Admin;

/// <summary>
/// API callers get 401/403 problems, not redirects to the sign-in page. Whether the sign-in still holds is the
/// session's business (<see cref="Gateway.Sessions.SessionCookiePolicy"/>), checked before these run.
/// </summary>
internal static class StaffCookieEvents
{
    public static CookieAuthenticationEvents Create() => new()
    {
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
}
