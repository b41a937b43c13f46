namespace Gateway.Staff;

/// <summary>One of a staff account's one-time MFA recovery codes: only its SHA-256 is kept (the codes carry 80 random bits).</summary>
public sealed class StaffRecoveryCode
{
    public long Id { get; set; }

    public long StaffId { get; set; }

    public required byte[] CodeHash { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Set when the code is spent; a spent code never works again.</summary>
    public DateTime? UsedAt { get; set; }
}
