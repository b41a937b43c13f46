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

    /// <summary>The same policy, with <paramref name="origin"/> (e.g. an OpenID Connect provider) also allowed as a form target.</summary>
    public static string PolicyWithFormTargets(string? origin) =>
        string.IsNullOrEmpty(origin) ? Policy : Policy.Replace("form-action 'self'", $"form-action 'self' {origin}", StringComparison.Ordinal);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        Apply(context, Policy);
        return next(context);
    }

    /// <summary>Sets the headers on <paramref name="context"/>'s answer when it starts.</summary>
    public static void Apply(HttpContext context, string policy)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            // The Scalar API reference sets its own policy (script nonces; see Docs/DocsPage.cs).
            if (!context.Request.Path.StartsWithSegments("/docs", StringComparison.OrdinalIgnoreCase))
            {
                headers.ContentSecurityPolicy = policy;
            }

            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
    }
}
