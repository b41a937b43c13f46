using System.Globalization;
using System.Security.Claims;
using Gateway.Sessions;
using Gateway.Staff;
using Microsoft.AspNetCore.Authentication;
using SignInResult = Gateway.Staff.SignInResult;

namespace AdminUi.Pages;

/// <summary>
/// The steps of a staff sign-in: after the password, either a session at once, or a short-lived pending cookie
/// (<see cref="AdminAuth.PendingScheme"/>, five minutes) that only the MFA or enrolment page accepts.
/// </summary>
public static class SignInFlow
{
    /// <summary>One answer for every refusal, so the page tells nothing about which usernames exist.</summary>
    public static readonly string RefusedMessage = "Sign-in refused: wrong username, password or code, or the account is disabled or locked after "
        + $"{StaffService.MaxFailedSignIns} failed attempts (it opens again after {StaffService.LockoutDuration.TotalMinutes:0} minutes, or when an admin resets the password).";

    /// <summary>Where the password step goes next: the session, or the second-factor page.</summary>
    public static async Task<IActionResult> AfterPasswordAsync(PageModel page, SignInResult result, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Next == SecondFactor.None)
        {
            return await CompleteAsync(page, result, returnUrl);
        }

        await page.HttpContext.SignInAsync(AdminAuth.PendingScheme, AdminAuth.CreatePendingPrincipal(result));
        var next = result.Next == SecondFactor.Enrol ? "/signin/enrol" : "/signin/mfa";
        return new RedirectResult(page.Url.IsLocalUrl(returnUrl) ? $"{next}?ReturnUrl={Uri.EscapeDataString(returnUrl!)}" : next);
    }

    /// <summary>
    /// Starts the session. If the account changed while the sign-in was under way (reset, disabled, role changed), the
    /// new session is ended again and the sign-in refused: the change ends sessions, and this one may have missed it.
    /// </summary>
    public static async Task<IActionResult> CompleteAsync(PageModel page, SignInResult result, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(result);
        var http = page.HttpContext;
        var account = result.Account!;
        await http.SignOutAsync(AdminAuth.PendingScheme);
        await http.SignInAsync(AdminAuth.CookieScheme, AdminAuth.CreatePrincipal(account));
        var services = http.RequestServices;
        if (!await services.GetRequiredService<StaffSignIn>().IsCurrentAsync(account.Id, result.Stamp, http.RequestAborted))
        {
            await services.GetRequiredService<SessionStore>().EndAllAsync(SessionSubject.Staff(account.Id), SessionEndReasons.AccountChanged, http.RequestAborted);
            return new RedirectResult("/signin");
        }

        return new LocalRedirectResult(page.Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }

    /// <summary>The sign-in under way (right password, second factor due), or null when there is none or it timed out.</summary>
    public static async Task<Pending?> PendingAsync(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        var principal = (await http.AuthenticateAsync(AdminAuth.PendingScheme)).Principal;
        return principal is not null
            && long.TryParse(principal.FindFirstValue(AdminAuth.StaffIdClaim), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && Enum.TryParse<SecondFactor>(principal.FindFirstValue(AdminAuth.SecondFactorClaim), out var next)
            ? new Pending(id, principal.Identity?.Name ?? "", principal.FindFirstValue(AdminAuth.SecurityStampClaim) ?? "", next)
            : null;
    }

    /// <summary>A sign-in half-way: whose, the account's stamp when the password was right, and what is due.</summary>
    public sealed record Pending(long StaffId, string Username, string Stamp, SecondFactor Next);
}
