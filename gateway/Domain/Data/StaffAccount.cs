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

    /// <summary>Changes whenever sign-ins issued before must stop working (a password reset).</summary>
    public required string SecurityStamp { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public DateTime? LastSignInAt { get; set; }
}
