using System.Security.Claims;
using System.Text.Encodings.Web;
using Gateway.Hosting;
using Gateway.RateLimiting;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer opt_live_…</c>. The format and checksum are checked before any
/// lookup; the lookup is by SHA-256 through the <see cref="TokenCache"/>. Every failure answers the same
/// 401; the reason is kept in <see cref="TokenAuthenticationFeature"/> for the audit log.
/// </summary>
public sealed partial class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenFormat format,
    TokenCache cache,
    TokenLifetime lifetime,
    FailedAuthLimiter failedAuth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var feature = new TokenAuthenticationFeature();
        Context.Features.Set(feature);

        if (!BearerToken.TryRead(Request.Headers.Authorization, out var token))
        {
            feature.FailureReason = AuthFailureReason.MissingToken;
            return AuthenticateResult.NoResult();
        }

        // Over its failed-authentication limit, an address gets no store lookups; only a token already
        // validated in memory still works, so one broken script cannot lock out a whole NAT.
        var client = Context.Connection.RemoteIpAddress;
        var blocked = failedAuth.IsBlocked(client);
        if (token is not null)
        {
            // Whatever was presented, so a team holding a leaked string can find its every use.
            feature.HashedToken = TokenFormat.HashForAudit(token);
        }

        if (token is null || !format.IsWellFormed(token))
        {
            return blocked ? Failed(feature, AuthFailureReason.AuthRateLimited) : Denied(feature, AuthFailureReason.MalformedToken, client);
        }

        TokenIdentity? identity;
        if (blocked)
        {
            if (!cache.TryGetCached(feature.HashedToken!, out identity) || identity is null)
            {
                return Failed(feature, AuthFailureReason.AuthRateLimited);
            }
        }
        else
        {
            try
            {
                identity = await cache.FindAsync(feature.HashedToken!, Context.RequestAborted);
            }
            catch (Gateway.Data.StoreUnavailableException)
            {
                // Fail closed; the store probe has logged why, once.
                return Failed(feature, AuthFailureReason.StoreUnavailable);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Fail closed: with the store unreachable nothing is admitted.
                Log.StoreUnavailable(Logger, ex.GetType().Name, ex.Message);
                return Failed(feature, AuthFailureReason.StoreUnavailable);
            }
        }

        if (identity is null)
        {
            return Denied(feature, AuthFailureReason.UnknownToken, client);
        }

        feature.Presented = identity;
        if (lifetime.IsRevoked(identity.RevokedAt))
        {
            return Denied(feature, AuthFailureReason.RevokedToken, client);
        }

        if (lifetime.IsExpired(identity.ExpiresOn))
        {
            return Denied(feature, AuthFailureReason.ExpiredToken, client);
        }

        // A valid token of a suspended (or closing) client: the same 401, but not a guess, so it does not count
        // against the address.
        if (identity.ClientState != Gateway.Clients.ClientState.Active)
        {
            return Failed(feature, identity.ClientState == Gateway.Clients.ClientState.Closed ? AuthFailureReason.ClientClosed : AuthFailureReason.ClientSuspended);
        }

        feature.Identity = identity;
        return AuthenticateResult.Success(new AuthenticationTicket(CreatePrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var feature = Context.Features.Get<TokenAuthenticationFeature>();
        switch (feature?.FailureReason)
        {
            case AuthFailureReason.StoreUnavailable:
                Response.Headers.RetryAfter = "5";
                await ErrorResponses.WriteAsync(Context, StatusCodes.Status503ServiceUnavailable, ErrorResponses.ServiceUnavailable);
                return;
            case AuthFailureReason.AuthRateLimited:
                var wait = failedAuth.Snapshot(Context.Connection.RemoteIpAddress).Reset - TimeProvider.GetUtcNow();
                Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await ErrorResponses.WriteAsync(Context, StatusCodes.Status429TooManyRequests, ErrorResponses.TooManyRequests);
                return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        await ErrorResponses.WriteAsync(Context, StatusCodes.Status401Unauthorized, ErrorResponses.Unauthenticated);
    }

    private ClaimsPrincipal CreatePrincipal(TokenIdentity identity)
    {
        var claims = new List<Claim>(identity.GrantedScopes.Count + 2)
        {
            new(GatewayClaims.TokenId, identity.TokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(GatewayClaims.ClientId, identity.ClientId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        };
        foreach (var scope in identity.GrantedScopes)
        {
            claims.Add(new Claim(GatewayClaims.Scope, scope));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, GatewayClaims.TokenId, null));
    }

    /// <summary>A failed attempt with a credential: it counts against the client address.</summary>
    private AuthenticateResult Denied(TokenAuthenticationFeature feature, AuthFailureReason reason, System.Net.IPAddress? client)
    {
        failedAuth.RecordFailure(client);
        return Failed(feature, reason);
    }

    private static AuthenticateResult Failed(TokenAuthenticationFeature feature, AuthFailureReason reason)
    {
        feature.FailureReason = reason;
        // The message is a fixed word: the framework logs it, so it must never carry the credential.
        return AuthenticateResult.Fail(reason.ToString());
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Token store unavailable during authentication ({ExceptionType}: {Detail}); request refused.")]
        public static partial void StoreUnavailable(ILogger logger, string exceptionType, string detail);
    }
}
