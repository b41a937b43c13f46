using System.ComponentModel.DataAnnotations;

namespace Gateway.Audit;

/// <summary>Settings under <c>Gateway:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Gateway:Audit";

    /// <summary>
    /// Folder of the audit files (one JSON event per line). A relative path is under the store's data folder
    /// (<c>Gateway:Storage:DataPath</c>), never the working directory: the audit folder belongs to the store, so the
    /// server, the CLI and every instance on one store write where the server reads.
    /// </summary>
    [Required]
    public string Path { get; set; } = "logs";

    /// <summary>Daily files kept per chain before the oldest is deleted.</summary>
    [Range(1, 36_500)]
    public int RetainedFiles { get; set; } = 400;

    /// <summary>Most events written with one <c>write()</c> (group commit); each request waits for its own event, none is dropped.</summary>
    [Range(100, 10_000_000)]
    public int BufferSize { get; set; } = 100_000;

    /// <summary>The key of the chain's HMAC (base64, at least 32 bytes). Secret: from the environment or a secret store.</summary>
    public string? ChainKey { get; set; }

    /// <summary>
    /// A file holding the chain key (base64), e.g. a mounted secret. Further lines are previous keys, still accepted by
    /// <c>gateway audit verify</c>. Must not be inside the audit folder.
    /// </summary>
    public string? ChainKeyFile { get; set; }

    /// <summary>Keys used before a rotation (base64): verify accepts events they signed; nothing new is signed with them.</summary>
    public IList<string> PreviousChainKeys { get; } = [];
}
