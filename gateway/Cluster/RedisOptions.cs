using System.ComponentModel.DataAnnotations;

namespace Gateway.Cluster;

/// <summary>
/// Settings under <c>Gateway:Redis</c>: the Redis that several gateway instances share for rate-limit counters
/// (<c>Gateway:RateLimiting:Store = Redis</c>) and for telling each other about token changes.
/// </summary>
public sealed class RedisOptions : IValidatableObject
{
    public const string Section = "Gateway:Redis";

    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=…,ssl=true</c>); empty = no Redis.</summary>
    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel, so several gateways (or other apps) can share one Redis.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9:_\-.]{1,64}$", ErrorMessage = "Gateway:Redis:KeyPrefix: 1 to 64 letters, digits or : _ - .")]
    public string KeyPrefix { get; set; } = "gateway:";

    /// <summary>How long one Redis call may take before the request path stops waiting (and falls back).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan OperationTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Configuration);

    public string ChangesChannel => KeyPrefix + "token-changes";

    public string SessionsChannel => KeyPrefix + "session-ends";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsConfigured)
        {
            yield break;
        }

        string? problem = null;
        try
        {
            if (StackExchange.Redis.ConfigurationOptions.Parse(Configuration!).EndPoints.Count == 0)
            {
                problem = "names no server";
            }
        }
        catch (ArgumentException ex)
        {
            problem = ex.GetType().Name;
        }

        if (problem is not null)
        {
            // Not the value itself: it may hold a password.
            yield return new ValidationResult($"Gateway:Redis:Configuration is not a valid Redis configuration ({problem}).", [nameof(Configuration)]);
        }
    }
}
