using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace LegacyStub.Provider.Pages;

/// <summary>
/// The sign-in form the authorization endpoint answers with. It posts back to the same endpoint with the
/// protocol parameters in hidden fields, so OpenIddict validates the request again on the way in.
/// </summary>
internal static class LoginPage
{
    public const string WrongCredentials = "The e-mail address or password is incorrect.";
    public const string Expired = "The sign-in form expired. Please sign in again.";

    public static IResult Render(
        HttpContext context, IAntiforgery antiforgery, string applicationName, string? email, string? error,
        int statusCode = StatusCodes.Status200OK)
    {
        var alert = error is null ? "" : $"<p class=\"error\" role=\"alert\">{HtmlPage.Encode(error)}</p>";
        var body =
            "<h1>Sign in</h1>" +
            $"<p>to continue to <strong>{HtmlPage.Encode(applicationName)}</strong></p>" +
            alert +
            $"<form method=\"post\" action=\"{HtmlPage.Encode(context.Request.PathBase + context.Request.Path)}\">" +
            HtmlPage.HiddenFields(context, antiforgery) +
            $"<label for=\"email\">E-mail address</label><input id=\"email\" name=\"{FormFields.Email}\" type=\"email\" " +
            $"autocomplete=\"username\" required autofocus value=\"{HtmlPage.Encode(email)}\">" +
            $"<label for=\"password\">Password</label><input id=\"password\" name=\"{FormFields.Password}\" type=\"password\" " +
            "autocomplete=\"current-password\" required>" +
            "<div class=\"actions\">" +
            $"<button class=\"primary\" type=\"submit\" name=\"{FormFields.Action}\" value=\"{FormFields.SignIn}\">Sign in</button>" +
            $"<button class=\"secondary\" type=\"submit\" name=\"{FormFields.Action}\" value=\"{FormFields.Cancel}\" formnovalidate>Cancel</button>" +
            "</div></form>";
        return HtmlPage.Render(context, "Sign in", body, statusCode);
    }
}
