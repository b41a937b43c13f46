namespace Gateway.Hosting;

/// <summary>
/// A firewall by path for each listener, before routing: the public listener serves only the client API,
/// its docs, liveness, the client portal and the secret-scanning intake; the admin listener serves everything but those. Anything else is a plain 404 —
/// not a 405 that would tell a caller a path exists elsewhere.
/// </summary>
public sealed class ListenerGuardMiddleware(RequestDelegate next)
{
    private static readonly string[] PublicOnly = ["/api", "/healthz", "/client", SecretScanning.SecretScanningExtensions.Path];
    private static readonly string[] Shared = ["/docs", "/openapi"];

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        var allowed = Listener.Of(context).IsAdmin
            ? !StartsWithAny(path, PublicOnly)
            : StartsWithAny(path, PublicOnly) || StartsWithAny(path, Shared);
        if (allowed)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static bool StartsWithAny(PathString path, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
