namespace Gateway.Staff;

/// <summary>What staff may do: admins change everything, auditors read tokens, roles and the audit log.</summary>
public static class StaffRoles
{
    public const string Admin = "admin";
    public const string Auditor = "auditor";

    public static IReadOnlyList<string> All { get; } = [Admin, Auditor];

    public static bool IsKnown(string? role) => role is Admin or Auditor;
}
