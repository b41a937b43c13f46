using Gateway.Pipeline;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Model;

namespace Gateway.Proxy;

/// <summary>
/// The method guard (DESIGN §2): the client API only reads. On a proxied route, and anywhere under <c>/api</c>, any
/// method but <c>GET</c> and <c>HEAD</c> (exactly: methods are case-sensitive) is 405, and a request that can carry a
/// body is 400 — whatever the protocol: Content-Length, chunked, or HTTP/2 DATA frames with neither (the server's
/// <see cref="IHttpRequestBodyDetectionFeature"/> knows the stream has data coming). A body could smuggle parameters
/// (a JSON <c>client_id</c>) past the query filter, so none is ever forwarded.
/// </summary>
public sealed class MethodGuardMiddleware(RequestDelegate next)
{
    private static readonly PathString ApiPath = new("/api");

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>() is null
            && !context.Request.Path.StartsWithSegments(ApiPath, StringComparison.OrdinalIgnoreCase))
        {
            return next(context);
        }

        var method = context.Request.Method;
        if (method is not ("GET" or "HEAD"))
        {
            return Refusals.WriteAsync(context, Refusal.MethodNotAllowed);
        }

        return MayHaveBody(context) ? Refusals.WriteAsync(context, Refusal.BodyNotAllowed) : next(context);
    }

    /// <summary>True when the request declares a body or its stream may still carry one.</summary>
    public static bool MayHaveBody(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        return context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true
            || request.ContentLength > 0
            || request.Headers.TransferEncoding.Count > 0;
    }
}
