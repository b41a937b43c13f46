using Gateway.Auth;
using Gateway.Pipeline;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authorization;

namespace Gateway.RateLimiting;

/// <summary>
/// The failed-auth limiter's step (DESIGN §2), before authentication: an address over its limit is answered 429
/// without any store lookup — unless it presents a token the gateway has seen valid, which keeps working, so one
/// broken script behind a shared NAT does not lock out the other integrations there (DESIGN §5). Pages that need no
/// token (docs, liveness) stay open.
/// </summary>
public sealed class FailedAuthGuardMiddleware(RequestDelegate next, FailedAuthLimiter limiter, TokenFormat format)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = context.Connection.RemoteIpAddress;
        if (!limiter.IsBlocked(client)
            || context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null
            || PresentsKnownToken(context, client))
        {
            return next(context);
        }

        return Refusals.WriteAsync(context, Refusal.AuthRateLimited, limiter.RetryAfter(client));
    }

    private bool PresentsKnownToken(HttpContext context, System.Net.IPAddress? client) =>
        BearerToken.TryRead(context.Request.Headers.Authorization, out var token)
        && token is not null
        && format.IsWellFormed(token)
        && limiter.MayLookUp(client, TokenFormat.HashForAudit(token));
}
