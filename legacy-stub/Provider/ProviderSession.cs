using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace LegacyStub.Provider;

/// <summary>
/// The provider's own sign-in: a cookie that makes the next authorization request silent, holding only the
/// client id and when the password was last checked (the <c>auth_time</c> that <c>max_age</c> is measured against).
/// </summary>
internal static class ProviderSession
{
    public const string Scheme = "StubProviderSession";
    public const string CookieName = "__Host-stub-session";

    /// <summary>How long a session lasts without a new password check; a relying party can ask for less with max_age.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static async Task SignInAsync(HttpContext context, ClientAccount account, DateTimeOffset authTime)
    {
        var identity = new ClaimsIdentity(Scheme, Claims.Subject, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, account.Subject));
        identity.AddClaim(new Claim(
            Claims.AuthenticationTime, authTime.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64));

        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IssuedUtc = authTime,
            ExpiresUtc = authTime + Lifetime,
            IsPersistent = false,
            AllowRefresh = false,
        });
    }

    /// <summary>The signed-in subject and its auth_time, or null when the browser has no (valid) session.</summary>
    public static async Task<(string Subject, DateTimeOffset AuthTime)?> ReadAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        var subject = result.Principal?.FindFirst(Claims.Subject)?.Value;
        var authTime = result.Principal?.FindFirst(Claims.AuthenticationTime)?.Value;
        return result.Succeeded && subject is not null
               && long.TryParse(authTime, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? (subject, DateTimeOffset.FromUnixTimeSeconds(seconds))
            : null;
    }

    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.Path = "/";
        options.ExpireTimeSpan = Lifetime;
        options.SlidingExpiration = false;
    }
}
