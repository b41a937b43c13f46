using System.Security.Claims;
using System.Text.Encodings.Web;
using Gateway.Hosting;
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
    TimeProvider time,
    IOptions<TokenOptions> tokenOptions)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private readonly TokenLifetime _lifetime = new(time, tokenOptions.Value.ExpiringSoonWindow);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var feature = new TokenAuthenticationFeature();
        Context.Features.Set(feature);

        if (!BearerToken.TryRead(Request.Headers.Authorization, out var token))
        {
            feature.FailureReason = AuthFailureReason.MissingToken;
            return AuthenticateResult.NoResult();
        }

        if (token is null || !format.IsWellFormed(token))
        {
            return Failed(feature, AuthFailureReason.MalformedToken);
        }

        feature.HashedToken = TokenFormat.HashForAudit(token);
        TokenIdentity? identity;
        try
        {
            identity = await cache.FindAsync(feature.HashedToken, Context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Fail closed: with the store unreachable nothing is admitted.
            Log.StoreUnavailable(Logger, ex.GetType().Name, ex.Message);
            return Failed(feature, AuthFailureReason.StoreUnavailable);
        }

        if (identity is null)
        {
            return Failed(feature, AuthFailureReason.UnknownToken);
        }

        feature.Identity = identity;
        if (_lifetime.IsRevoked(identity.RevokedAt))
        {
            return Failed(feature, AuthFailureReason.RevokedToken);
        }

        if (_lifetime.IsExpired(identity.ExpiresOn))
        {
            return Failed(feature, AuthFailureReason.ExpiredToken);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(CreatePrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var feature = Context.Features.Get<TokenAuthenticationFeature>();
        if (feature?.FailureReason == AuthFailureReason.StoreUnavailable)
        {
            Response.Headers.RetryAfter = "5";
            await ErrorResponses.WriteAsync(Context, StatusCodes.Status503ServiceUnavailable, ErrorResponses.ServiceUnavailable);
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
