using System.Globalization;
using Gateway.Hosting;
using Gateway.Pipeline;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Stamps the request with the identity the gateway approved: <c>X-Client-Id</c> and <c>X-Gateway-Token-Id</c> from
/// the token, <c>X-Request-Id</c> from the gateway (any client spelling of these is gone already, see
/// <see cref="InboundHeaderFilter"/>), and drops an empty <c>Host</c>.
/// </summary>
public sealed class IdentityHeadersTransform : RequestTransform
{
    public const string ClientIdHeader = "X-Client-Id";
    public const string TokenIdHeader = "X-Gateway-Token-Id";

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.ProxyRequest.Headers;

        // YARP replaces the client's Host with the destination's only when it is non-empty; an empty one would reach
        // the backend as is. Without it, the backend gets the destination's own authority, as for every other request.
        if (headers.NonValidated.TryGetValues("Host", out var host) && host.All(string.IsNullOrEmpty))
        {
            headers.Remove("Host");
        }

        // ProxyGuardMiddleware has already refused requests without an identity; this cannot be null here.
        var identity = context.HttpContext.Features.Get<RequestDecision>()?.Identity
            ?? throw new InvalidOperationException("No authenticated token on a proxied request.");
        Set(headers, ClientIdHeader, identity.ClientId.ToString(CultureInfo.InvariantCulture));
        Set(headers, TokenIdHeader, identity.TokenId.ToString(CultureInfo.InvariantCulture));
        Set(headers, RequestIdMiddleware.HeaderName, context.HttpContext.TraceIdentifier);
        return default;
    }

    private static void Set(System.Net.Http.Headers.HttpRequestHeaders headers, string name, string value)
    {
        headers.Remove(name);
        headers.TryAddWithoutValidation(name, value);
    }
}
