using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Gateway.Sessions;

/// <summary>
/// Makes a cookie scheme's sign-ins server sessions, through the cookie handler's own events: signing in starts a
/// session and puts its key in the (encrypted) cookie as a claim; every request validates that key against the
/// store (<see cref="SessionStore.CheckAsync"/>); signing out ends it, so a copy of the cookie stops working too.
/// <para>
/// Not <see cref="ITicketStore"/>: the cookie handler renews the session key the request already carries when it signs
/// in again (aspnetcore#22135), so a sign-in over an old cookie would keep the old session, and a store has no way
/// to refuse a renewal of an ended session. Here every sign-in gets a new key and ends the one it replaces.
/// </para>
/// </summary>
internal sealed class SessionCookieEvents(string scheme, SessionCookiePolicy policy, SessionStore sessions)
    : IPostConfigureOptions<CookieAuthenticationOptions>
{
    /// <summary>The claim holding the session key; only ever inside the encrypted cookie.</summary>
    public const string KeyClaim = "gateway_session";

    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name != scheme)
        {
            return;
        }

        // The store decides when the session ends; the cookie itself lives no longer than the absolute lifetime.
        options.ExpireTimeSpan = policy.Lifetime.Absolute;
        options.SlidingExpiration = false;
        var events = options.Events ?? new CookieAuthenticationEvents();
        var signingIn = events.OnSigningIn;
        var validate = events.OnValidatePrincipal;
        var signingOut = events.OnSigningOut;
        events.OnSigningIn = async context =>
        {
            await StartAsync(context);
            await signingIn(context);
        };
        events.OnValidatePrincipal = async context =>
        {
            if (await ValidateAsync(context))
            {
                await validate(context);
            }
        };
        events.OnSigningOut = async context =>
        {
            await EndAsync(context.HttpContext, SessionEndReasons.SignedOut);
            await signingOut(context);
        };
        options.Events = events;
    }

    private async Task StartAsync(CookieSigningInContext context)
    {
        var identity = context.Principal?.Identity as ClaimsIdentity
            ?? throw new InvalidOperationException($"Signing in to '{scheme}' needs a claims identity.");
        var subjectId = identity.FindFirst(policy.SubjectIdClaim)?.Value
            ?? throw new InvalidOperationException($"Signing in to '{scheme}' needs the claim '{policy.SubjectIdClaim}'.");

        // A sign-in over a live session (another user, or the same one again) replaces it: never two keys in one browser.
        await EndAsync(context.HttpContext, SessionEndReasons.Replaced);
        var ip = context.HttpContext.Connection.RemoteIpAddress;
        var key = await sessions.CreateAsync(
            new SessionSubject(policy.SubjectKind, subjectId),
            policy.Lifetime,
            ip is null ? null : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString(),
            context.HttpContext.RequestAborted);
        foreach (var old in identity.FindAll(KeyClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(KeyClaim, key));
        context.Properties.IsPersistent = false;
        context.Properties.ExpiresUtc = context.Properties.IssuedUtc + policy.Lifetime.Absolute;
        context.Properties.AllowRefresh = false;
    }

    private async Task<bool> ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var subject = await sessions.CheckAsync(principal?.FindFirst(KeyClaim)?.Value, context.HttpContext.RequestAborted);
        if (subject is not null && subject.Kind == policy.SubjectKind && subject.Id == principal?.FindFirst(policy.SubjectIdClaim)?.Value)
        {
            return true;
        }

        // Not SignOutAsync: that would ask this very authentication for the principal again. The session is over
        // already; only the browser's cookie is left to delete.
        context.RejectPrincipal();
        context.Options.CookieManager.DeleteCookie(context.HttpContext, context.Options.Cookie.Name!, context.Options.Cookie.Build(context.HttpContext));
        return false;
    }

    private async Task EndAsync(HttpContext http, string reason)
    {
        // The handler has already read this request's cookie; this only asks it for the principal it found.
        var current = await http.AuthenticateAsync(scheme);
        if (current.Principal?.FindFirst(KeyClaim)?.Value is { } key)
        {
            await sessions.EndAsync(key, reason, http.RequestAborted);
        }
    }
}
