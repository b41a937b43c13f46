using System.Security.Cryptography;
using Scalar.AspNetCore;

namespace Gateway.Docs;

/// <summary>
/// Scalar's page for one document. Its scripts come from the package (no CDN); fonts, telemetry, the AI agent
/// and the developer toolbar would call out to scalar.com, so they are off. The page gets a CSP of its own: its
/// inline bootstrap runs by a fresh nonce, and styles may be inline because Scalar injects some without one.
/// </summary>
internal static class DocsPage
{
    public static void Configure(ScalarOptions scalar, HttpContext http, DocsSite site)
    {
        // Hex, so it reads the same in the header and in the HTML attribute (Scalar encodes '+' there).
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        scalar.WithTitle(site.Title)
            .AddDocument(site.Document, site.Title, ApiDocuments.PathOf(site.Document))
            .AddPreferredSecuritySchemes(site.SecurityScheme)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp()
            .HideDeveloperTools();
        // These options are a per-request snapshot, so this nonce is never reused.
        scalar.Nonce = nonce;
        http.Response.Headers.ContentSecurityPolicy =
            $"default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
            "font-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";
    }

    /// <summary>
    /// Scalar also answers <c>/docs/{documentName}</c> for any name; only this listener's own is served, so the
    /// other listener's document is not even named here.
    /// </summary>
    public static ValueTask<object?> OwnDocumentOnly(EndpointFilterInvocationContext context, EndpointFilterDelegate next, DocsSite site) =>
        context.HttpContext.GetRouteValue("documentName") is string name && !string.Equals(name, site.Document, StringComparison.OrdinalIgnoreCase)
            ? ValueTask.FromResult<object?>(TypedResults.NotFound())
            : next(context);
}
