using Gateway.Tokens;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Gateway.Proxy;

/// <summary>
/// The legacy contract of DESIGN §6 for every route: the client's credentials, identity claims, overrides and
/// client-address claims are removed, the approved identity and the backend's own credential are added. Transforms
/// only move headers and query parameters; the decisions were made by authentication and authorization before.
/// </summary>
public sealed class GatewayTransformProvider(IOptionsMonitor<ProxyOptions> options, IOptions<TokenOptions> tokens) : ITransformProvider
{
    /// <summary>Names only the gateway may send (compared folded, see <see cref="FoldedName"/>).</summary>
    private static readonly string[] GatewayHeaders =
    [
        IdentityHeadersTransform.ClientIdHeader,
        // "Same path" (DESIGN §6): PHP frameworks (Symfony, Zend/Laminas, IIS rewrites) take the path from these when
        // present, which would let a client reach a route other than the one whose scope was checked.
        "X-Original-URL", "X-Rewrite-URL",
        // Trace context: the gateway is where a trace starts (Telemetry/EdgePropagator); the backend hears the
        // gateway's own traceparent when traces are exported, never one a client chose.
        "traceparent", "tracestate", "baggage", "Request-Id", "Correlation-Context",
    ];

    /// <summary>Name prefixes only the gateway may send: its own headers, and the X-Forwarded-* set YARP writes.</summary>
    private static readonly string[] GatewayHeaderPrefixes = ["X-Gateway-", "X-Forwarded-"];

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
        context.RequestTransforms.Add(new InboundHeaderFilter(
            [.. GatewayHeaders, .. settings.MethodOverrideHeaders, .. settings.ClientAddressHeaders],
            GatewayHeaderPrefixes,
            [tokens.Value.Prefix, Gateway.Staff.AdminKeyService.Prefix]));
        context.RequestTransforms.Add(new IdentityQueryTransform(settings.IdentityQueryParameters, [tokens.Value.Prefix, Gateway.Staff.AdminKeyService.Prefix]));
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
