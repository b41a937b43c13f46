using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace LegacyStub.Provider.Pages;

/// <summary>The end-session confirmation (when the request cannot prove which session it ends) and the signed-out page.</summary>
internal static class SignOutPages
{
    public static IResult Confirm(HttpContext context, IAntiforgery antiforgery, int statusCode = StatusCodes.Status200OK)
    {
        var body =
            "<h1>Sign out</h1><p>Do you want to sign out of your billing account?</p>" +
            $"<form method=\"post\" action=\"{HtmlPage.Encode(context.Request.PathBase + context.Request.Path)}\">" +
            HtmlPage.HiddenFields(context, antiforgery) +
            "<div class=\"actions\">" +
            $"<button class=\"primary\" type=\"submit\" name=\"{FormFields.Action}\" value=\"{FormFields.SignOut}\">Sign out</button>" +
            "</div></form>";
        return HtmlPage.Render(context, "Sign out", body, statusCode);
    }

    public static IResult SignedOut(HttpContext context) =>
        HtmlPage.Render(context, "Signed out", "<h1>Signed out</h1><p>You have signed out of your billing account.</p>");
}
