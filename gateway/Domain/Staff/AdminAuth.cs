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

    public const string CookieName = "__Host-gateway-admin";

    /// <summary>The principal a staff sign-in carries in its cookie.</summary>
    public static ClaimsPrincipal CreatePrincipal(StaffView account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, account.Username),
                new Claim(ClaimTypes.Role, account.Role),
                new Claim(StaffIdClaim, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(SecurityStampClaim, account.SecurityStamp),
            ],
            CookieScheme);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>Who did it, for token records: <c>staff:alice</c> or <c>key:ci-bot</c>.</summary>
    public static string Actor(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var name = user.Identity?.Name ?? "unknown";
        return name.StartsWith("key:", StringComparison.Ordinal) ? name : $"staff:{name}";
    }
}
