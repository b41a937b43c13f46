using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace LegacyStub.Provider.Pages;

/// <summary>
/// The frame of the provider's pages: plain HTML, no script, a style sheet pinned by its hash in the CSP,
/// never framed or cached. Every value goes through <see cref="Encode"/>.
/// </summary>
internal static class HtmlPage
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;background:#f4f5f7;color:#1d2330;margin:0}" +
        "main{max-width:24rem;margin:4rem auto;background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002}" +
        "h1{font-size:1.4rem;margin:0 0 .25rem}p{margin:.25rem 0 1rem}" +
        "label{display:block;margin:.75rem 0 .25rem;font-weight:600}" +
        "input[type=email],input[type=password]{width:100%;box-sizing:border-box;padding:.5rem;font-size:1rem}" +
        ".actions{display:flex;gap:.5rem;margin-top:1.25rem}button{padding:.5rem 1rem;font-size:1rem;cursor:pointer}" +
        ".primary{background:#1f5fbf;color:#fff;border:0;border-radius:4px}.secondary{background:#fff;border:1px solid #8893a8;border-radius:4px}" +
        ".error{background:#fdecea;color:#8a1c12;padding:.5rem .75rem;border-radius:4px}";

    // Chromium checks a form's redirects against form-action, and the sign-in form redirects to whichever
    // relying party asked, so form-action is left open; everything else is shut.
    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; style-src 'sha256-{Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(Style)))}'; " +
        "frame-ancestors 'none'; base-uri 'none'";

    public static string Encode(string? value) => HtmlEncoder.Default.Encode(value ?? "");

    /// <summary>Hidden inputs for the protocol parameters and a fresh antiforgery token.</summary>
    public static string HiddenFields(HttpContext context, IAntiforgery antiforgery)
    {
        var html = new StringBuilder();
        foreach (var (name, value) in FormFields.ProtocolParameters(context.Request))
        {
            html.Append($"<input type=\"hidden\" name=\"{Encode(name)}\" value=\"{Encode(value)}\">");
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        html.Append($"<input type=\"hidden\" name=\"{Encode(tokens.FormFieldName)}\" value=\"{Encode(tokens.RequestToken)}\">");
        return html.ToString();
    }

    public static IResult Render(HttpContext context, string title, string body, int statusCode = StatusCodes.Status200OK)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";

        var html =
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">" +
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{Encode(title)} · Billing</title><style>{Style}</style></head><body><main>{body}</main></body></html>";
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode);
    }
}
