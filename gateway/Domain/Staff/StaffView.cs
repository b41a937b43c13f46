namespace Gateway.Staff;

/// <summary>A staff account as shown and as carried in the sign-in cookie (never the password hash).</summary>
public sealed record StaffView
{
    public long Id { get; init; }

    public required string Username { get; init; }

    public required string Role { get; init; }

    public required string SecurityStamp { get; init; }

    public DateTime? LockedUntil { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? LastSignInAt { get; init; }
}
