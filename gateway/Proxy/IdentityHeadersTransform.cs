using Gateway.Auth;
using Gateway.Hosting;
using System.Globalization;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Stamps the request with the identity the gateway approved: <c>X-Client-Id</c> and
/// <c>X-Gateway-Token-Id</c> from the token, <c>X-Request-Id</c> from the gateway, after removing any
/// <c>X-Gateway-*</c> header the client sent (and an empty <c>Host</c>).
/// </summary>
/// <remarks>
/// Header names with underscores are dropped too (as nginx does by default): PHP reads <c>X_Client_Id</c>
/// and <c>X-Client-Id</c> as the same <c>HTTP_X_CLIENT_ID</c>, so they could smuggle an identity past
/// the removal above.
/// </remarks>
public sealed class IdentityHeadersTransform : RequestTransform
{
    public const string ClientIdHeader = "X-Client-Id";
    public const string TokenIdHeader = "X-Gateway-Token-Id";
    private const string GatewayHeaderPrefix = "X-Gateway-";

    public override ValueTask ApplyAsync(RequestTransformContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.ProxyRequest.Headers;
        List<string>? doomed = null;
        foreach (var header in headers)
        {
            if (header.Key.StartsWith(GatewayHeaderPrefix, StringComparison.OrdinalIgnoreCase) || header.Key.Contains('_', StringComparison.Ordinal))
            {
                (doomed ??= []).Add(header.Key);
            }
        }

        doomed?.ForEach(name => headers.Remove(name));

        // YARP replaces the client's Host with the destination's only when it is non-empty; an empty one would reach
        // the backend as is. Without it, the backend gets the destination's own authority, as for every other request.
        if (headers.TryGetValues("Host", out var host) && host.All(string.IsNullOrEmpty))
        {
            headers.Remove("Host");
        }

        // ProxyGuardMiddleware has already refused requests without an identity; this cannot be null here.
        var identity = context.HttpContext.Features.Get<TokenAuthenticationFeature>()?.Identity
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
