namespace Gateway.Audit;

/// <summary>Where the domain services report staff actions; the gateway writes them to the audit log.</summary>
public interface IStaffAuditLog
{
    void Record(StaffAction action);
}
