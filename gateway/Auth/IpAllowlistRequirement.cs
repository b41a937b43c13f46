using Microsoft.AspNetCore.Authorization;

namespace Gateway.Auth;

/// <summary>The client address (after trusted forwarded headers) must be in the token's allowlist, if it has one.</summary>
public sealed class IpAllowlistRequirement : AuthorizationHandler<IpAllowlistRequirement, HttpContext>, IAuthorizationRequirement
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, IpAllowlistRequirement requirement, HttpContext resource)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resource);
        var identity = resource.Features.Get<Gateway.Pipeline.RequestDecision>()?.Identity;
        if (identity is not null && identity.AllowedIps.Allows(resource.Connection.RemoteIpAddress))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
