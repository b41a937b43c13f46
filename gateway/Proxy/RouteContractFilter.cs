using Gateway.RateLimiting;
using Gateway.Tokens;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// Refuses a yarp.json that would open the backend wider than DESIGN §2 allows: every route must name a
/// scope of the catalog as its AuthorizationPolicy, be limited per token, and match only GET and HEAD.
/// </summary>
public sealed class RouteContractFilter : IProxyConfigFilter
{
    private static readonly string[] ReadMethods = ["GET", "HEAD"];

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => new(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.AuthorizationPolicy is not { } policy || !ScopeCatalog.Contains(policy))
        {
            throw new InvalidOperationException(
                $"Route '{route.RouteId}' must set AuthorizationPolicy to one of: {string.Join(", ", ScopeCatalog.All)}.");
        }

        if (!string.Equals(route.RateLimiterPolicy, RateLimitingOptions.TokenPolicy, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Route '{route.RouteId}' must set RateLimiterPolicy to '{RateLimitingOptions.TokenPolicy}'.");
        }

        var methods = route.Match.Methods;
        if (methods is null || methods.Count == 0 || methods.Any(m => !ReadMethods.Contains(m, StringComparer.OrdinalIgnoreCase)))
        {
            throw new InvalidOperationException($"Route '{route.RouteId}' must set Match.Methods to GET and/or HEAD only.");
        }

        return new(route);
    }
}
