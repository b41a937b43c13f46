using Gateway.Auth;
using Gateway.Pipeline;
using Gateway.RateLimiting;
using Gateway.Tokens;
using Microsoft.Extensions.Options;

namespace Gateway.Hosting;

/// <summary>
/// Answers every plain-HTTP request 403 (DESIGN §3). A valid token that arrived this way has crossed the network in
/// clear text: it is revoked when <see cref="TokenOptions.RevokeOnPlainHttp"/> is on. The lookup that finds it obeys
/// the failed-auth limiter as on HTTPS (an address over its limit looks up only tokens seen valid), and every such
/// request counts against its address.
/// </summary>
public sealed partial class HttpsGuardMiddleware(
    RequestDelegate next,
    TokenFormat format,
    TokenCache cache,
    TokenService tokens,
    FailedAuthLimiter failedAuth,
    IOptions<TokenOptions> options,
    ILogger<HttpsGuardMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.IsHttps)
        {
            await next(context);
            return;
        }

        if (options.Value.RevokeOnPlainHttp
            && BearerToken.TryRead(context.Request.Headers.Authorization, out var token)
            && token is not null
            && format.IsWellFormed(token))
        {
            var decision = RequestDecision.Of(context);
            decision.HashedToken = TokenFormat.HashForAudit(token);
            if (failedAuth.MayLookUp(context.Connection.RemoteIpAddress, decision.HashedToken))
            {
                await RevokeExposedAsync(decision, context);
            }
        }

        await Refusals.WriteAsync(context, Refusal.HttpsRequired);
    }

    private async Task RevokeExposedAsync(RequestDecision decision, HttpContext context)
    {
        try
        {
            // Through the cache: a flood of made-up tokens on the plain listener costs the store no more than on HTTPS.
            var identity = await cache.FindAsync(decision.HashedToken!, context.RequestAborted);
            if (identity is null)
            {
                return;
            }

            decision.Presented = identity;
            var revoked = await tokens.RevokeAsync(identity.TokenId, TokenService.ExposureActor, "Exposed: sent over plain HTTP.", context.RequestAborted);
            if (revoked is not null)
            {
                Log.TokenExposed(logger, revoked.Id, revoked.ClientId, context.Connection.RemoteIpAddress?.ToString());
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The 403 still goes out; the failure to revoke is loud so an operator can act.
            Log.RevokeFailed(logger, ex.GetType().Name);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Token {TokenId} of client {ClientId} was sent over plain HTTP from {RemoteIp} and has been revoked.")]
        public static partial void TokenExposed(ILogger logger, long tokenId, long clientId, string? remoteIp);

        [LoggerMessage(2, LogLevel.Error, "A token sent over plain HTTP could not be revoked ({ExceptionType}).")]
        public static partial void RevokeFailed(ILogger logger, string exceptionType);
    }
}
