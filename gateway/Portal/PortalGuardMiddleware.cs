using Gateway.Admin;
using Microsoft.Extensions.Options;

namespace Gateway.Portal;

/// <summary>
/// In front of every <c>/client</c> request on the public listener: a plain 404 while the portal is off; otherwise the
/// staff UI's security headers, with the provider's origin added to <c>form-action</c> (sign-out and re-authentication
/// are form posts answered by a redirect there, which browsers check against that directive).
/// </summary>
public sealed class PortalGuardMiddleware(RequestDelegate next, IOptions<PortalOptions> options)
{
    private readonly string _policy = SecurityHeadersMiddleware.PolicyWithFormTargets(options.Value.AuthorityOrigin);

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!options.Value.IsEnabled)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        SecurityHeadersMiddleware.Apply(context, _policy);
        return next(context);
    }
}
