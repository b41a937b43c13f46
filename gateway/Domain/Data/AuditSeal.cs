namespace Gateway.Data;

/// <summary>
/// The newest audit event a chain's writer vouches for (<c>audit_seals</c>): kept with the store (see
/// <see cref="Gateway.Audit.AuditSealStore"/>), away from the audit folder, so that cutting the last events off a
/// chain file is found by the writer and by <c>gateway audit verify</c>.
/// </summary>
public sealed class AuditSeal
{
    /// <summary>The audit folder, as the gateway resolved <c>Gateway:Audit:Path</c>.</summary>
    public required string Folder { get; set; }

    /// <summary>The chain: its file names without the date (<c>audit-</c>, <c>audit-2-</c>, <c>audit-cli-</c>).</summary>
    public required string Chain { get; set; }

    /// <summary>The file holding the sealed event.</summary>
    public required string File { get; set; }

    /// <summary>Bytes of <see cref="File"/> up to and including the sealed event's line.</summary>
    public long Offset { get; set; }

    /// <summary>The sealed event's MAC.</summary>
    public required string Mac { get; set; }

    public DateTime SealedAt { get; set; }
}
