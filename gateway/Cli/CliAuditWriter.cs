using Gateway.Audit;

namespace Gateway.Cli;

/// <summary>Staff actions made with the CLI, written to the CLI's own audit chain (<c>audit-cli-…</c>).</summary>
internal sealed class CliAuditWriter(AuditLog audit, TimeProvider time) : IStaffAuditLog
{
    public void Record(StaffAction action) => audit.Write(action, actorIp: null, requestId: null, time.GetUtcNow());
}
