using System.Security.Claims;

namespace Gateway.Staff;

/// <summary>Names of the admin side's authentication schemes, policies and claims.</summary>
public static class AdminAuth
{
    /// <summary>Picks the key scheme for <c>Authorization: Bearer opt_admin_…</c>, the cookie otherwise.</summary>
    public const string Scheme = "Staff";
    public const string CookieScheme = "StaffCookie";
    public const string KeyScheme = "AdminKey";

    /// <summary>Admins and auditors: reading tokens, roles and the audit log.</summary>
    public const string ReadPolicy = "staff:read";

    /// <summary>Admins only: every change.</summary>
    public const string WritePolicy = "staff:write";

    public const string StaffIdClaim = "staff_id";
    public const string SecurityStampClaim = "security_stamp";
    public const string SecondFactorClaim = "second_factor";

    /// <summary>The short-lived cookie of a sign-in whose password was right and whose second factor is still due.</summary>
    public const string PendingScheme = "StaffPending";
    public const string PendingCookieName = "__Host-gateway-signin";

    public const string CookieName = "__Host-gateway-admin";

    /// <summary>The principal a staff sign-in carries in its cookie (with its session key, added when the session starts).</summary>
    public static ClaimsPrincipal CreatePrincipal(StaffView account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.Username),
                new Claim(ClaimTypes.Role, account.Role),
                new Claim(StaffIdClaim, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            CookieScheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The principal of a sign-in half-way: who, the account's stamp when the password was checked, and what is still due.</summary>
    public static ClaimsPrincipal CreatePendingPrincipal(SignInResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var account = result.Account ?? throw new ArgumentException("A pending sign-in needs its account.", nameof(result));
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.Username),
                new Claim(StaffIdClaim, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(SecurityStampClaim, result.Stamp ?? ""),
                new Claim(SecondFactorClaim, result.Next.ToString()),
            ],
            PendingScheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The staff account acting: the signed-in account, or the owner of the admin API key.</summary>
    public static long? StaffId(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return long.TryParse(user.FindFirst(StaffIdClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>Who did it, for token records: <c>staff:alice</c> or <c>key:ci-bot</c>.</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name ?? "unknown";
        return name.StartsWith("key:", StringComparison.Ordinal) ? name : $"staff:{name}";
    }
}
