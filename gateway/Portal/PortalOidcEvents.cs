using System.Globalization;
using System.Security.Claims;
using Gateway.Audit;
using Gateway.Pipeline;
using Gateway.Clients;
using Gateway.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using PortalUi;

namespace Gateway.Portal;

/// <summary>
/// What the portal does with the provider's answer, after the library has checked state, nonce, issuer, signature and
/// lifetime: a sign-in becomes a session for the billing client named by the configured claim; a re-authentication
/// completes its <see cref="PendingAction"/> only when the password was entered under 5 minutes ago by the same
/// client; anything else is refused, audited, and nothing is created or revoked.
/// </summary>
public sealed partial class PortalOidcEvents(
    ClientTokenService tokens, IStaffAuditLog audit, TimeProvider time, IOptions<PortalOptions> options, ILogger<PortalOidcEvents> logger)
    : OpenIdConnectEvents
{
    /// <summary>The request's refusal when the provider's answer does not hold (audit reason <c>sign_in_refused</c>); the client is redirected.</summary>
    private static readonly Refusal SignInRefused = new("sign_in_refused", StatusCodes.Status302Found, "", ClientFault: true);

    /// <summary>A pending action older than this is stale whatever the provider says.</summary>
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    public override Task MessageReceived(MessageReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The callback belongs to the public listener only.
        if (Listener.Of(context.HttpContext).IsAdmin)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            context.HandleResponse();
        }

        return Task.CompletedTask;
    }

    public override async Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var claim = options.Value.ClientIdClaim;
        var raw = context.Principal?.FindFirst(claim)?.Value;
        if (!long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var clientId) || clientId <= 0)
        {
            Refuse(context, null, "no_client_id", PortalProblem.PathFor(PortalProblem.SignInRefused));
            return;
        }

        if (PendingAction.ReadFrom(context.Properties) is { } action)
        {
            await CompleteAsync(context, clientId, action);
            return;
        }

        var client = await tokens.AccessAsync(clientId, context.HttpContext.RequestAborted);
        if (client.State == ClientState.Closed || !client.Policy.PortalAllowed)
        {
            Refuse(context, clientId, client.State == ClientState.Closed ? "client_closed" : "portal_not_allowed", PortalProblem.PathFor(PortalProblem.Closed));
            return;
        }

        // The session holds the client id and nothing else of the provider's claims.
        var identity = new ClaimsIdentity([new Claim(PortalAuth.ClientIdClaim, clientId.ToString(CultureInfo.InvariantCulture))], PortalAuth.CookieScheme, PortalAuth.ClientIdClaim, null);
        context.Principal = new ClaimsPrincipal(identity);
        audit.Record(new StaffAction("portal.sign_in", Actor(clientId), Actor(clientId), Outcome: "succeeded"));
    }

    public override Task AccessDenied(AccessDeniedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // The client cancelled at the provider: nothing happens; a waiting revocation is dropped, and that is recorded.
        var action = PendingAction.ReadFrom(context.Properties);
        Record(action, action?.ClientId, "cancelled");
        context.Response.Redirect(action is null ? "/client/signout" : $"{PortalAuth.HomePath}?done=not-revoked");
        context.HandleResponse();
        return Task.CompletedTask;
    }

    public override Task RemoteFailure(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var unavailable = PortalFaults.IsProviderUnavailable(context.Failure);
        var action = PendingAction.ReadFrom(context.Properties);
        // Exception types only: the library's messages are kept out of the audit log (they can quote what was sent).
        var reason = unavailable ? "provider_unavailable" : Why(context.Failure);
        Record(action, action?.ClientId, reason);
        if (!unavailable)
        {
            // A forged or replayed callback is a guess like a bad token: it counts against the address, so a flood of them
            // is answered 429 by the failed-auth guard in front of this handler.
            Refusals.Record(context.HttpContext, SignInRefused);
        }

        Log.SignInFailed(logger, reason, context.Failure?.GetType().Name ?? "none");
        context.Response.Redirect(PortalProblem.PathFor(unavailable ? PortalProblem.Unavailable : PortalProblem.SignInRefused));
        context.HandleResponse();
        return Task.CompletedTask;
    }

    private async Task CompleteAsync(TokenValidatedContext context, long clientId, PendingAction action)
    {
        var http = context.HttpContext;
        var session = PortalAuth.ClientId((await http.AuthenticateAsync(PortalAuth.CookieScheme)).Principal!);
        var now = time.GetUtcNow();
        var authTime = long.TryParse(context.Principal?.FindFirst("auth_time")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : (DateTimeOffset?)null;
        var refusal =
            session != action.ClientId || clientId != action.ClientId ? "different_account"
            : now - action.IssuedAt > PendingLifetime ? "expired"
            : authTime is null ? "no_auth_time"
            : now - authTime.Value > PortalAuth.ReauthenticationWindow || authTime.Value - now > TimeSpan.FromMinutes(1) ? "stale_authentication"
            : null;
        if (refusal is not null)
        {
            Record(action, clientId, refusal);
            context.Response.Redirect($"{PortalAuth.HomePath}?done=not-revoked");
            context.HandleResponse();
            return;
        }

        // The session stays as it was: a re-authentication confirms an action, it does not sign in again.
        var done = "not-revoked";
        if (action.Kind == PendingAction.Revoke && action.TokenId is { } id)
        {
            done = await tokens.RevokeAsync(clientId, id, http.RequestAborted) is null ? "not-revoked" : "revoked";
        }
        else if (action.Kind == PendingAction.RevokeAll)
        {
            await tokens.RevokeAllAsync(clientId, http.RequestAborted);
            done = "revoked-all";
        }

        context.Response.Redirect($"{PortalAuth.HomePath}?done={done}");
        context.HandleResponse();
    }

    private void Refuse(TokenValidatedContext context, long? clientId, string reason, string redirect)
    {
        Record(PendingAction.ReadFrom(context.Properties), clientId, reason);
        context.Response.Redirect(redirect);
        context.HandleResponse();
    }

    /// <summary>One audit event: a refused sign-in, or a refused re-authentication (nothing revoked).</summary>
    private void Record(PendingAction? action, long? clientId, string reason)
    {
        var actor = clientId is { } id ? Actor(id) : "client:unknown";
        if (action is null)
        {
            audit.Record(new StaffAction("portal.sign_in", actor, clientId is null ? null : actor, Outcome: reason));
            return;
        }

        var target = action.TokenId is { } token ? $"token:{token}" : Actor(action.ClientId);
        audit.Record(new StaffAction("portal.reauth_refused", actor, target, After: new { Action = action.Kind, action.TokenId }, Outcome: reason));
    }

    private static string Actor(long clientId) => ClientTokenService.Actor(clientId);

    private static string Why(Exception? failure) => failure switch
    {
        null => "refused",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidIssuerException => "wrong_issuer",
        Microsoft.IdentityModel.Tokens.SecurityTokenExpiredException => "expired_token",
        Microsoft.IdentityModel.Tokens.SecurityTokenInvalidSignatureException or Microsoft.IdentityModel.Tokens.SecurityTokenSignatureKeyNotFoundException => "bad_signature",
        Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectProtocolInvalidNonceException => "bad_nonce",
        Microsoft.IdentityModel.Tokens.SecurityTokenException => "invalid_token",
        _ when failure.Message.Contains("state", StringComparison.OrdinalIgnoreCase) => "bad_state",
        _ when failure.Message.Contains("Correlation", StringComparison.OrdinalIgnoreCase) => "correlation_failed",
        _ => "refused",
    };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Client portal sign-in refused ({Reason}, {ExceptionType}).")]
        public static partial void SignInFailed(ILogger logger, string reason, string exceptionType);
    }
}
