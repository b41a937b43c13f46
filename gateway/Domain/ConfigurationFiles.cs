using Microsoft.Extensions.Configuration.Json;

namespace Gateway;

/// <summary>The gateway's own configuration files beside appsettings.json (yarp.json, scopes.json).</summary>
public static class ConfigurationFiles
{
    /// <summary>
    /// Adds a required JSON file just after the appsettings files, so environment variables and the command line can
    /// still override a value of it (e.g. <c>ReverseProxy__Clusters__billing__Destinations__primary__Address</c>).
    /// Inserting a source rebuilds every provider, so a value set through the indexer before this call is lost:
    /// add the files first. A file already added is not added again.
    /// </summary>
    public static void AddBesideAppSettings(this IConfigurationManager configuration, string path)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sources = configuration.Sources;
        if (sources.Any(s => s is JsonConfigurationSource { Path: { } file } && file == path))
        {
            return;
        }

        var afterAppSettings = 0;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } file } && file.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase))
            {
                afterAppSettings = i + 1;
            }
        }

        sources.Insert(afterAppSettings, new JsonConfigurationSource { Path = path, Optional = false, ReloadOnChange = true });
    }
}
