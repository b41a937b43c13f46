using System.ComponentModel.DataAnnotations;

namespace Gateway.Audit;

/// <summary>Settings under <c>Gateway:Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string Section = "Gateway:Audit";

    /// <summary>Folder of the audit files (<c>audit-YYYYMMDD.clef</c>, one JSON event per line); relative to the working directory.</summary>
    [Required]
    public string Path { get; set; } = "logs";

    /// <summary>Daily files kept before the oldest is deleted.</summary>
    [Range(1, 36_500)]
    public int RetainedFiles { get; set; } = 400;

    /// <summary>Events held in memory while the disk catches up; when full, requests wait rather than events being dropped.</summary>
    [Range(100, 10_000_000)]
    public int BufferSize { get; set; } = 100_000;

    /// <summary>
    /// Longest time an event stays in the file writer's buffer before it is written and fsync'ed (default 200 ms);
    /// events are written in blocks in between, and all of them when the gateway stops.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(200);
}
