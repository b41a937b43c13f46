using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Proxy;

/// <summary>
/// The legacy contract of DESIGN §6 for every route: the client's credentials and identity claims are
/// removed, the approved identity and the backend's own credential are added. Transforms only move headers
/// and query parameters; the decisions were made by authentication and authorization before.
/// </summary>
public sealed class GatewayTransformProvider(IOptionsMonitor<ProxyOptions> options, IOptions<TokenOptions> tokens) : ITransformProvider
{
    public void ValidateRoute(TransformRouteValidationContext context)
    {
    }

    public void ValidateCluster(TransformClusterValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clusterId = context.Cluster.ClusterId;
        if (!options.CurrentValue.Backends.TryGetValue(clusterId, out var backend)
            || string.IsNullOrWhiteSpace(backend.Value)
            || string.IsNullOrWhiteSpace(backend.Header))
        {
            context.Errors.Add(new InvalidOperationException(
                $"No backend credential for cluster '{clusterId}'. Set Gateway:Proxy:Backends:{clusterId}:Value " +
                $"(environment: Gateway__Proxy__Backends__{clusterId}__Value) to the Authorization value the backend expects."));
        }
    }

    public void Apply(TransformBuilderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = options.CurrentValue;

        context.AddRequestHeaderRemove(HeaderNames.Authorization);
        context.AddRequestHeaderRemove(HeaderNames.Cookie);
        // "Same path" (DESIGN §6): PHP frameworks (Symfony, Zend/Laminas, IIS rewrites) take the path from these
        // when present, which would let a client reach a route other than the one whose scope was checked.
        context.AddRequestHeaderRemove("X-Original-URL");
        context.AddRequestHeaderRemove("X-Rewrite-URL");
        // The client address the backend sees is the gateway's X-Forwarded-For, not a client-written RFC 7239 one.
        context.AddRequestHeaderRemove("Forwarded");
        foreach (var header in settings.MethodOverrideHeaders)
        {
            context.AddRequestHeaderRemove(header);
        }

        context.RequestTransforms.Add(new IdentityQueryTransform(settings.IdentityQueryParameters, [tokens.Value.Prefix]));
        context.RequestTransforms.Add(new IdentityHeadersTransform());

        if (context.Cluster is { } cluster && settings.Backends.TryGetValue(cluster.ClusterId, out var backend) && backend.Value is { } secret)
        {
            context.AddRequestHeader(backend.Header, secret, append: false);
        }

        // The backend's software versions are nobody's business, on its error answers too (YARP's default
        // condition would remove them from 2xx answers only).
        context.AddResponseHeaderRemove(HeaderNames.Server, ResponseCondition.Always);
        context.AddResponseHeaderRemove("X-Powered-By", ResponseCondition.Always);
    }
}
