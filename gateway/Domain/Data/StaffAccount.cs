namespace Gateway.Data;

/// <summary>A staff member who signs in to the admin UI and API.</summary>
public sealed class StaffAccount
{
    public long Id { get; set; }

    public required string Username { get; set; }

    /// <summary>ASP.NET Core <c>PasswordHasher</c> output (PBKDF2); never the password.</summary>
    public required string PasswordHash { get; set; }

    /// <summary><c>admin</c> or <c>auditor</c>.</summary>
    public required string Role { get; set; }

    public int FailedSignIns { get; set; }

    public DateTime? LockedUntil { get; set; }

    /// <summary>Changes whenever a sign-in under way must stop (a password or MFA reset, a role change, a disable).</summary>
    public required string SecurityStamp { get; set; }

    /// <summary>Set while the account may not sign in (its sessions and admin API keys stop working).</summary>
    public DateTime? DisabledAt { get; set; }

    /// <summary>The TOTP (RFC 6238) secret, sealed with the data-protection key ring; never in clear.</summary>
    public string? TotpSecret { get; set; }

    /// <summary>When the authenticator was confirmed with a first code; until then the secret is only being enrolled.</summary>
    public DateTime? MfaEnabledAt { get; set; }

    /// <summary>The last TOTP time step accepted: a code of this step or an earlier one is never accepted again.</summary>
    public long TotpLastTimeStep { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }
}
