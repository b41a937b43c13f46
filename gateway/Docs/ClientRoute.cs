using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.OpenApi;
using Yarp.ReverseProxy.Configuration;

namespace Gateway.Docs;

/// <summary>One YARP route as the client document shows it: OpenAPI path, path parameters, methods, scope and notes.</summary>
internal sealed record ClientRoute(
    string Id,
    string Path,
    IReadOnlyList<ClientRoute.PathParameter> Parameters,
    IReadOnlyList<string> Methods,
    string Scope,
    ClientRouteNote Note)
{
    private static readonly string[] ReadMethods = ["GET", "HEAD"];

    /// <summary>A <c>{name:constraint}</c> of the route template, typed by its constraint.</summary>
    internal sealed record PathParameter(string Name, JsonSchemaType Type, string? Format);

    /// <summary>Reads <paramref name="route"/>; its template is parsed as the router parses it, so the path matches what is served.</summary>
    public static ClientRoute From(RouteConfig route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var pattern = RoutePatternFactory.Parse(route.Match.Path ?? "/");
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => string.Empty,
        })));
        var path = "/" + string.Join('/', segments);
        var parameters = pattern.Parameters.Select(p => TypeOf(p)).ToList();
        var endsWithParameter = pattern.PathSegments.Count > 0 && pattern.PathSegments[^1].Parts[^1].IsParameter;
        var methods = route.Match.Methods is { Count: > 0 } listed ? listed.Select(m => m.ToUpperInvariant()).ToList() : [.. ReadMethods];
        // RouteContractFilter refuses a route without a scope, so this only shows for config the gateway would not start with.
        var scope = route.AuthorizationPolicy ?? "none";
        return new ClientRoute(route.RouteId, path, parameters, methods, scope, ClientRouteNotes.For(route.RouteId, path, scope, endsWithParameter));
    }

    private static PathParameter TypeOf(RoutePatternParameterPart parameter)
    {
        foreach (var policy in parameter.ParameterPolicies)
        {
            switch (policy.Content)
            {
                case "long":
                    return new(parameter.Name, JsonSchemaType.Integer, "int64");
                case "int":
                    return new(parameter.Name, JsonSchemaType.Integer, "int32");
                case "guid":
                    return new(parameter.Name, JsonSchemaType.String, "uuid");
                case "bool":
                    return new(parameter.Name, JsonSchemaType.Boolean, null);
            }
        }

        return new(parameter.Name, JsonSchemaType.String, null);
    }
}
