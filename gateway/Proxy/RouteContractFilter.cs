using Gateway.RateLimiting;
using Gateway.Tokens;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Proxy;

/// <summary>
/// Refuses a yarp.json that would open the backend wider than DESIGN §2 allows: every route must name a scope of the
/// catalogue (scopes.json) as its AuthorizationPolicy, a rate limiter the gateway has as its RateLimiterPolicy, and
/// match only GET and HEAD. The gateway does not start with such a route; the message names the route, the setting
/// and what is accepted.
/// </summary>
public sealed class RouteContractFilter(ScopeCatalog scopes) : IProxyConfigFilter
{
    private static readonly string[] ReadMethods = ["GET", "HEAD"];
    private static readonly string[] RateLimiters = [RateLimitingOptions.TokenPolicy];

    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel) => new(cluster);

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel)
    {
        ArgumentNullException.ThrowIfNull(route);
        if (route.AuthorizationPolicy is not { } policy || !scopes.Contains(policy))
        {
            throw new InvalidOperationException(
                $"Route '{route.RouteId}' must set AuthorizationPolicy to a scope of {ScopeCatalogOptions.File}: {string.Join(", ", scopes.Names)} " +
                $"(got '{route.AuthorizationPolicy}'). A new scope goes into {ScopeCatalogOptions.File} beside yarp.json.");
        }

        if (!RateLimiters.Contains(route.RateLimiterPolicy, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"Route '{route.RouteId}' must set RateLimiterPolicy to one of: {string.Join(", ", RateLimiters)} (got '{route.RateLimiterPolicy}').");
        }

        var methods = route.Match.Methods;
        if (methods is null || methods.Count == 0 || methods.Any(m => !ReadMethods.Contains(m, StringComparer.Ordinal)))
        {
            throw new InvalidOperationException(
                $"Route '{route.RouteId}' must set Match.Methods to GET and/or HEAD only (got {(methods is null ? "none" : string.Join(", ", methods))}).");
        }

        return new(route);
    }
}
