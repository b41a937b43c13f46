using System.ComponentModel.DataAnnotations;

namespace Gateway.SecretScanning;

/// <summary>Settings under <c>Gateway:SecretScanning:GitHub</c>: GitHub's secret-scanning partner reports.</summary>
public sealed class SecretScanningOptions
{
    public const string Section = "Gateway:SecretScanning:GitHub";

    /// <summary>Off by default; when on, <c>POST /secret-scanning/github</c> answers on the public listener.</summary>
    public bool Enabled { get; set; }

    /// <summary>Where GitHub publishes the keys its reports are signed with.</summary>
    [Required]
    public Uri KeysUrl { get; set; } = new("https://api.github.com/meta/public_keys/secret_scanning");

    /// <summary>Optional GitHub token (no scopes needed) sent when fetching the keys, against GitHub's API rate limits.</summary>
    public string? KeysToken { get; set; }

    /// <summary>How long fetched keys are used before they are fetched again.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Gateway:SecretScanning:GitHub:KeysCacheFor must be between 1 minute and 7 days.")]
    public TimeSpan KeysCacheFor { get; set; } = TimeSpan.FromHours(6);

    /// <summary>
    /// The least time between two fetches: a report naming a key the gateway does not know triggers a fetch, at most
    /// this often, so made-up key ids cannot make the gateway hammer GitHub.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Gateway:SecretScanning:GitHub:KeysRefreshMinInterval must be between 1 second and 1 hour.")]
    public TimeSpan KeysRefreshMinInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest report accepted, in bytes (GitHub may send many matches at once).</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "Gateway:SecretScanning:GitHub:MaxBodyBytes must be between 1024 and 16777216.")]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;
}
