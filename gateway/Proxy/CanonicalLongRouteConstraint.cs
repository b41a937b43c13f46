namespace Gateway.Proxy;

/// <summary><c>{x:long}</c> in this gateway: a canonical positive 64-bit id (<see cref="CanonicalId"/>).</summary>
public sealed class CanonicalLongRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CanonicalId.Matches(values, routeKey, long.MaxValue);
    }
}
