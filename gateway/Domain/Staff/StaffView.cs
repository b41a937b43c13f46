namespace Gateway.Staff;

/// <summary>A staff account as shown, audited and returned by the admin API: never the password hash, the security stamp or the TOTP secret.</summary>
public sealed record StaffView
{
    public long Id { get; init; }

    public required string Username { get; init; }

    public required string Role { get; init; }

    /// <summary><c>active</c>, <c>locked</c> (too many failed sign-ins, for now) or <c>disabled</c>.</summary>
    public required string Status { get; init; }

    public DateTime? LockedUntil { get; init; }

    public DateTime? DisabledAt { get; init; }

    /// <summary>An authenticator is enrolled and confirmed.</summary>
    public bool MfaEnrolled { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? LastSignInAt { get; init; }
}
