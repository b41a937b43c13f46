namespace Gateway.Hosting;

/// <summary>Where the host finds its files: appsettings.json and yarp.json beside the executable, whatever the working directory.</summary>
public static class GatewayHost
{
    public static WebApplicationOptions CreateOptions(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return new WebApplicationOptions
        {
            Args = args,
            // A test host (WebApplicationFactory) passes its own content root; keep it then.
            ContentRootPath = NamesContentRoot(args) ? null : AppContext.BaseDirectory,
        };
    }

    private static bool NamesContentRoot(string[] args) =>
        args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase));
}
