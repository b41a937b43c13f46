using System.ComponentModel.DataAnnotations;

namespace Gateway.Usage;

/// <summary>Settings under <c>Gateway:Usage</c>.</summary>
public sealed class UsageOptions
{
    public const string Section = "Gateway:Usage";

    /// <summary>How often coalesced last-used stamps are written: at most one write per token per interval.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(15);
}
