using System.ComponentModel.DataAnnotations;

namespace Gateway.Portal;

/// <summary>
/// Settings under <c>Gateway:Portal</c>: the billing system's OpenID Connect provider the client area signs in with.
/// The portal is on when <see cref="Authority"/> is set (unless <see cref="Enabled"/> says false).
/// </summary>
public sealed class PortalOptions : IValidatableObject
{
    public const string Section = "Gateway:Portal";

    /// <summary>The provider's issuer URL; discovery is read from <c>{Authority}/.well-known/openid-configuration</c>.</summary>
    public string? Authority { get; set; }

    /// <summary>Turns the portal off even with an authority configured; null means "on when an authority is set".</summary>
    public bool? Enabled { get; set; }

    /// <summary>The gateway's client id at the provider.</summary>
    public string? ClientId { get; set; }

    /// <summary>The gateway's client secret at the provider (from the environment or a secrets store, never a file in the repo).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The id-token claim that carries the billing client id (a positive number).</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Gateway:Portal:ClientIdClaim must name a claim (default sub).")]
    public string ClientIdClaim { get; set; } = "sub";

    /// <summary>
    /// A PEM certificate file the back channel (discovery, keys, token endpoint) trusts besides the system's roots: for a
    /// billing system with a private or self-signed certificate. Unset: the system's trust store only.
    /// </summary>
    public string? ProviderCertificate { get; set; }

    /// <summary>Discovery over HTTPS only; false only for a provider on loopback in development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Portal actions (sign-ins, changes) per signed-in client per minute.</summary>
    [Range(1, 100_000, ErrorMessage = "Gateway:Portal:ActionsPerMinutePerClient must be between 1 and 100000.")]
    public int ActionsPerMinutePerClient { get; set; } = 30;

    /// <summary>Portal actions per client address per minute, signed in or not.</summary>
    [Range(1, 100_000, ErrorMessage = "Gateway:Portal:ActionsPerMinutePerAddress must be between 1 and 100000.")]
    public int ActionsPerMinutePerAddress { get; set; } = 60;

    /// <summary>Idle timeout of a client's portal session.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Gateway:Portal:SessionIdleTimeout must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Absolute lifetime of a client's portal session.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Gateway:Portal:SessionLifetime must be between 00:05:00 and 7.00:00:00.")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    public bool IsEnabled => Enabled ?? !string.IsNullOrWhiteSpace(Authority);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsEnabled)
        {
            yield break;
        }

        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
        {
            yield return new ValidationResult("Gateway:Portal:Authority must be an absolute https:// URL of the billing system's OpenID Connect issuer.", [nameof(Authority)]);
        }
        else if (authority.Scheme == "http" && RequireHttpsMetadata)
        {
            yield return new ValidationResult("Gateway:Portal:Authority must use https:// (set Gateway:Portal:RequireHttpsMetadata=false only for a development provider).", [nameof(Authority)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("Gateway:Portal:ClientId is required when the portal is on (the gateway's client id at the provider).", [nameof(ClientId)]);
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return new ValidationResult("Gateway:Portal:ClientSecret is required when the portal is on (set it through the environment: Gateway__Portal__ClientSecret).", [nameof(ClientSecret)]);
        }

        if (!string.IsNullOrEmpty(ProviderCertificate) && !File.Exists(ProviderCertificate))
        {
            yield return new ValidationResult($"Gateway:Portal:ProviderCertificate: no such file '{ProviderCertificate}' (a PEM certificate).", [nameof(ProviderCertificate)]);
        }

        if (SessionIdleTimeout > SessionLifetime)
        {
            yield return new ValidationResult("Gateway:Portal:SessionIdleTimeout must not be longer than Gateway:Portal:SessionLifetime.", [nameof(SessionIdleTimeout)]);
        }
    }

    /// <summary>The provider's origin, which the portal's CSP must allow as a form target (sign-out and re-authentication redirect there).</summary>
    public string? AuthorityOrigin => Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
