using System.Security.Claims;
using System.Text.Encodings.Web;
using Gateway.Auth;
using Gateway.Staff;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Admin;

/// <summary>Authenticates <c>Authorization: Bearer opt_admin_…</c> on the admin listener; a key acts for its owner, with at most the owner's role.</summary>
public sealed class AdminKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AdminKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!BearerToken.TryRead(Request.Headers.Authorization, out var credential))
        {
            return AuthenticateResult.NoResult();
        }

        var key = credential is null ? null : await keys.AuthenticateAsync(credential, Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("invalid_admin_key");
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, $"key:{key.Name}"),
                new Claim(ClaimTypes.Role, key.Role),
                new Claim(AdminAuth.StaffIdClaim, key.OwnerId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return AdminProblems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Sign in or present an admin API key.");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        AdminProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Your role may not do this.");
}
