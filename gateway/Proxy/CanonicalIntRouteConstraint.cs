namespace Gateway.Proxy;

/// <summary><c>{x:int}</c> in this gateway: a canonical positive 32-bit id (<see cref="CanonicalId"/>).</summary>
public sealed class CanonicalIntRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection)
    {
        ArgumentNullException.ThrowIfNull(values);
        return CanonicalId.Matches(values, routeKey, int.MaxValue);
    }
}
