namespace Gateway.Audit;

/// <summary>For hosts without an audit log (the CLI process): actions are not recorded there.</summary>
public sealed class NoStaffAuditLog : IStaffAuditLog
{
    public void Record(StaffAction action)
    {
    }
}
