using System.Globalization;
using Gateway.RateLimiting;
using Gateway.Tokens;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Yarp.ReverseProxy;

namespace Gateway.Docs;

/// <summary>
/// Writes the client document from the routes YARP is serving: the client API is proxied, not minimal-API
/// endpoints, so ApiExplorer knows nothing of it. One path per route, one operation per method it allows,
/// each naming the scope its <c>AuthorizationPolicy</c> requires.
/// </summary>
internal sealed class ClientApiDocumentTransformer(
    IProxyStateLookup proxy, TokenFormat tokens, IOptions<RateLimitingOptions> limits) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var routes = proxy.GetRoutes()
            .Select(r => ClientRoute.From(r.Config))
            .OrderBy(r => ClientRouteNotes.Rank(r.Note.Tag))
            .ThenBy(r => r.Path, StringComparer.Ordinal)
            .ToList();

        document.Info = new OpenApiInfo
        {
            Title = "Billing API",
            Version = "v1",
            Description = ClientApiText.Overview(limits.Value.PermitsPerMinute),
        };
        ClientApiComponents.Register(document, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = tokens.Prefix + "…",
            Description = ClientApiText.Scopes(tokens.Prefix, routes),
        });

        // Routes are ordered by tag already, so tags come out in the order the notes give them.
        document.Tags = routes.Select(r => r.Note.Tag).Distinct()
            .Select(tag => new OpenApiTag { Name = tag, Description = ClientRouteNotes.Describe(tag) })
            .ToHashSet();

        document.Paths ??= [];
        foreach (var route in routes)
        {
            if (!document.Paths.TryGetValue(route.Path, out var item) || item is not OpenApiPathItem pathItem)
            {
                pathItem = new OpenApiPathItem();
                document.Paths[route.Path] = pathItem;
            }

            foreach (var method in route.Methods)
            {
                pathItem.AddOperation(new HttpMethod(method), Operation(document, route, method));
            }
        }

        SelfCheckOperation.Add(document);

        return Task.CompletedTask;
    }

    private static OpenApiOperation Operation(OpenApiDocument document, ClientRoute route, string method)
    {
        var head = method == "HEAD";
        var responses = new OpenApiResponses
        {
            ["200"] = ClientApiComponents.Success(document, route.Note.IsList ? "A page of records." : "The record.", route.Note.IsList, withBody: !head),
        };
        foreach (var (status, response) in ClientApiComponents.Failures(document))
        {
            responses[status] = response;
        }

        return new OpenApiOperation
        {
            OperationId = method.ToLowerInvariant() + Pascal(route.Id),
            Summary = head ? $"{route.Note.Summary} (headers only)" : route.Note.Summary,
            Description = $"Needs the `{route.Scope}` scope." + (head ? " Answers as GET does, without a body." : string.Empty),
            Tags = new HashSet<OpenApiTagReference> { new(route.Note.Tag, document) },
            Parameters = Parameters(route),
            Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ClientApiComponents.BearerScheme, document)] = [route.Scope] }],
            Responses = responses,
        };
    }

    private static List<IOpenApiParameter> Parameters(ClientRoute route)
    {
        var parameters = route.Parameters.Select(p => (IOpenApiParameter)new OpenApiParameter
        {
            Name = p.Name,
            In = ParameterLocation.Path,
            Required = true,
            Description = p.Name == "id" ? "The record's id." : null,
            Schema = new OpenApiSchema { Type = p.Type, Format = p.Format },
        }).ToList();
        if (route.Note.IsList)
        {
            parameters.Add(Query("page", "The page to answer, from 1.", minimum: 1, maximum: null, fallback: 1));
            parameters.Add(Query("per_page", "Records per page.", minimum: 1, maximum: 100, fallback: 25));
        }

        return parameters;
    }

    private static OpenApiParameter Query(string name, string description, int minimum, int? maximum, int fallback) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.Integer,
            Format = "int32",
            Minimum = minimum.ToString(CultureInfo.InvariantCulture),
            Maximum = maximum?.ToString(CultureInfo.InvariantCulture),
            Default = fallback,
        },
    };

    /// <summary><c>domain-dns</c> → <c>DomainDns</c>, for operation ids such as <c>getDomainDns</c>.</summary>
    private static string Pascal(string routeId) =>
        string.Concat(routeId.Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
}
