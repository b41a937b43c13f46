using Gateway.Auth;
using Gateway.Hosting;
using System.Globalization;
using Yarp.ReverseProxy.Transforms;

namespace Gateway.Proxy;

/// <summary>
/// Stamps the request with the identity the gateway approved: <c>X-Client-Id</c> and
/// <c>X-Gateway-Token-Id</c> from the token, <c>X-Request-Id</c> from the gateway, after removing any
/// <c>X-Gateway-*</c> header the client sent.
/// </summary>
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
            if (header.Key.StartsWith(GatewayHeaderPrefix, StringComparison.OrdinalIgnoreCase))
            {
                (doomed ??= []).Add(header.Key);
            }
        }

        doomed?.ForEach(name => headers.Remove(name));

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
