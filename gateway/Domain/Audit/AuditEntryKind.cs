namespace Gateway.Audit;

/// <summary>What an audit event records.</summary>
public enum AuditEntryKind
{
    /// <summary>A public request (<c>public_request</c>).</summary>
    Request = 0,

    /// <summary>A staff, client-portal or system action (<c>staff_action</c>).</summary>
    Staff = 1,

    /// <summary>Anything else the chain holds (<c>audit_gap</c>).</summary>
    Other = 2,
}
