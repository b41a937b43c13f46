namespace Gateway.Portal;

/// <summary>Where the portal lives on the public listener.</summary>
public static class PortalPaths
{
    public const string Root = "/client";

    /// <summary>True for a request to the portal: under <see cref="Root"/> on the public listener.</summary>
    public static bool IsPortalRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !Hosting.Listener.Of(context).IsAdmin && context.Request.Path.StartsWithSegments(Root, StringComparison.OrdinalIgnoreCase);
    }
}
