namespace Gateway.Admin;

/// <summary>
/// Headers on every admin answer: a CSP without inline script, no framing, no referrer, no sniffing,
/// and no caching of pages that may show a token once.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string Policy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // The Scalar API reference sets its own policy (script nonces; see Docs/DocsPage.cs).
            if (!context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = Policy;
            }

            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
