namespace Gateway.Audit;

/// <summary>Writes the domain's staff actions to the audit log, with the address and request they came from.</summary>
internal sealed class StaffAuditWriter(AuditLog audit, IHttpContextAccessor http, TimeProvider time) : IStaffAuditLog
{
    public void Record(StaffAction action)
    {
        var context = http.HttpContext;
        var ip = context?.Connection.RemoteIpAddress;
        audit.Write(
            action,
            ip is null ? null : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString(),
            context?.TraceIdentifier,
            time.GetUtcNow());
    }
}
