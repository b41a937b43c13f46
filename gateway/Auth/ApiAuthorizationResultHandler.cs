using Gateway.Pipeline;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Gateway.Auth;

/// <summary>Turns a failed scope or allowlist check into the refusal of DESIGN §5; everything else is the framework's.</summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (!authorizeResult.Forbidden || authorizeResult.AuthorizationFailure is not { } failure)
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        // The allowlist answer comes first: a caller from a foreign address learns nothing about scopes.
        if (failure.FailedRequirements.OfType<IpAllowlistRequirement>().Any())
        {
            return Refusals.WriteAsync(context, Refusal.IpNotAllowed);
        }

        var scope = failure.FailedRequirements.OfType<ScopeRequirement>().FirstOrDefault();
        if (scope is not null)
        {
            return Refusals.WriteAsync(context, Refusal.ScopeMissing, requiredScope: scope.Scope);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
