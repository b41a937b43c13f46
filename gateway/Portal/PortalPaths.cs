namespace Gateway.Portal;

/// <summary>Where the portal lives on the public listener.</summary>
public static class PortalPaths
{
    public const string Root = "/client";
}
