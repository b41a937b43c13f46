using System.Security.Claims;
using System.Text.Encodings.Web;
using Gateway.Pipeline;
using Gateway.Tokens;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer opt_live_…</c>. The format and checksum are checked before any
/// lookup; the lookup is by SHA-256 through the <see cref="TokenCache"/>. What it finds goes on the request's
/// <see cref="RequestDecision"/>; every failure answers the same 401 through <see cref="Refusals"/> and only the audit
/// log tells them apart. Addresses over their failed-auth limit never get here (<see cref="Gateway.RateLimiting.FailedAuthGuardMiddleware"/>).
/// </summary>
public sealed partial class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TokenFormat format,
    TokenCache cache,
    TokenLifetime lifetime)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly TimeSpan StoreRetryAfter = TimeSpan.FromSeconds(5);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var decision = RequestDecision.Of(Context);
        if (!BearerToken.TryRead(Request.Headers.Authorization, out var token))
        {
            decision.AuthenticationFailure = Refusal.MissingToken;
            return AuthenticateResult.NoResult();
        }

        if (token is not null)
        {
            // Whatever was presented, so a team holding a leaked string can find its every use.
            decision.HashedToken = TokenFormat.HashForAudit(token);
        }

        if (token is null || !format.IsWellFormed(token))
        {
            return Failed(decision, Refusal.MalformedToken);
        }

        TokenIdentity? identity;
        try
        {
            identity = await cache.FindAsync(decision.HashedToken!, Context.RequestAborted);
        }
        catch (Gateway.Data.StoreUnavailableException)
        {
            // Fail closed; the store probe has logged why, once.
            return Failed(decision, Refusal.StoreUnavailable);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed: with the store unreachable nothing is admitted.
            Log.StoreUnavailable(Logger, ex.GetType().Name, ex.Message);
            return Failed(decision, Refusal.StoreUnavailable);
        }

        if (identity is null)
        {
            return Failed(decision, Refusal.UnknownToken);
        }

        decision.Presented = identity;
        if (lifetime.IsRevoked(identity.RevokedAt))
        {
            return Failed(decision, Refusal.RevokedToken);
        }

        if (lifetime.IsExpired(identity.ExpiresOn))
        {
            return Failed(decision, Refusal.ExpiredToken);
        }

        // A valid token of a suspended (or closing) client: the same 401, but not a guess, so it does not count
        // against the address.
        if (identity.ClientState != Gateway.Clients.ClientState.Active)
        {
            return Failed(decision, identity.ClientState == Gateway.Clients.ClientState.Closed ? Refusal.ClientClosed : Refusal.ClientSuspended);
        }

        decision.Identity = identity;
        return AuthenticateResult.Success(new AuthenticationTicket(CreatePrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = RequestDecision.Of(Context).AuthenticationFailure ?? Refusal.MissingToken;
        return Refusals.WriteAsync(Context, failure, failure == Refusal.StoreUnavailable ? StoreRetryAfter : null);
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

    private static AuthenticateResult Failed(RequestDecision decision, Refusal refusal)
    {
        decision.AuthenticationFailure = refusal;
        // The message is a fixed word: the framework logs it, so it must never carry the credential.
        return AuthenticateResult.Fail(refusal.Reason);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Token store unavailable during authentication ({ExceptionType}: {Detail}); request refused.")]
        public static partial void StoreUnavailable(ILogger logger, string exceptionType, string detail);
    }
}
