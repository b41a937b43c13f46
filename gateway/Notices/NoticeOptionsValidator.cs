using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Text.RegularExpressions;
using Gateway.Notices.Email;
using Gateway.Notices.Webhooks;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Gateway.Notices;

/// <summary>Checks <c>Gateway:Notices</c> at start; every failure names the setting and what it accepts.</summary>
internal sealed partial class NoticeOptionsValidator : IValidateOptions<NoticeOptions>
{
    /// <summary>The shortest webhook secret accepted (a random 32-character string is about 190 bits).</summary>
    public const int MinSecretLength = 32;

    public ValidateOptionsResult Validate(string? name, NoticeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        ValidateEmail(options.Email, errors);
        foreach (var (endpoint, settings) in options.Webhooks)
        {
            ValidateWebhook(endpoint, settings, errors);
        }

        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options.Outbox, new ValidationContext(options.Outbox), results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(r => r.ErrorMessage ?? "Gateway:Notices:Outbox is invalid."));
        }

        if (options.Outbox.RetryMaxDelay < options.Outbox.RetryInitialDelay)
        {
            errors.Add("Gateway:Notices:Outbox:RetryMaxDelay must be at least Gateway:Notices:Outbox:RetryInitialDelay.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateEmail(EmailOptions email, List<string> errors)
    {
        if (!email.Enabled)
        {
            return;
        }

        const string prefix = "Gateway:Notices:Email";
        if (string.IsNullOrWhiteSpace(email.Host))
        {
            errors.Add($"{prefix}:Host is required when {prefix}:Enabled is true (the SMTP server's name or address).");
        }
        else if (email.Security == SmtpSecurity.None && !IsLoopback(email.Host))
        {
            errors.Add($"{prefix}:Security None is only allowed for a relay on this machine (localhost, 127.0.0.1, ::1); use StartTls or Tls for {email.Host}.");
        }

        if (email.Port is < 1 or > 65535)
        {
            errors.Add($"{prefix}:Port must be between 1 and 65535.");
        }

        if (email.Security == SmtpSecurity.None && !string.IsNullOrEmpty(email.Username))
        {
            errors.Add($"{prefix}:Username needs {prefix}:Security StartTls or Tls: credentials are never sent unencrypted.");
        }

        if (!string.IsNullOrEmpty(email.CertificateAuthorityFile))
        {
            if (email.Security == SmtpSecurity.None)
            {
                errors.Add($"{prefix}:CertificateAuthorityFile needs {prefix}:Security StartTls or Tls: plain SMTP checks no certificate.");
            }
            else if (SmtpServerTrust.Load(email.CertificateAuthorityFile) is { Problem: { } problem })
            {
                errors.Add($"{prefix}:CertificateAuthorityFile {problem}");
            }
        }

        if (string.IsNullOrWhiteSpace(email.From) || !MailboxAddress.TryParse(email.From, out _))
        {
            errors.Add($"{prefix}:From must be a mail address, e.g. \"Example Hosting <noreply@example.com>\".");
        }

        if (email.ManageTokensUrl is { } url && (!url.IsAbsoluteUri || url.Scheme is not ("https" or "http")))
        {
            errors.Add($"{prefix}:ManageTokensUrl must be an absolute http(s) URL.");
        }

        if (email.Timeout < TimeSpan.FromSeconds(1) || email.Timeout > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{prefix}:Timeout must be between 1 second and 5 minutes.");
        }

        if (string.IsNullOrWhiteSpace(email.ProfileCluster) || string.IsNullOrWhiteSpace(email.ProfilePath) || !email.ProfilePath.StartsWith('/'))
        {
            errors.Add($"{prefix}:ProfileCluster must name a yarp.json cluster and {prefix}:ProfilePath must start with '/'.");
        }
    }

    private static void ValidateWebhook(string name, WebhookEndpointOptions endpoint, List<string> errors)
    {
        var prefix = $"Gateway:Notices:Webhooks:{name}";
        if (!EndpointName().IsMatch(name))
        {
            errors.Add($"{prefix}: endpoint names are 1-50 lower-case letters, digits and '-'.");
        }

        if (endpoint.Url is not { IsAbsoluteUri: true } url || !(url.Scheme == "https" || url.Scheme == "http" && IsLoopback(url.Host)))
        {
            errors.Add($"{prefix}:Url must be an absolute https URL (plain http only to a loopback address).");
        }

        if (string.IsNullOrEmpty(endpoint.Secret) || endpoint.Secret.Length < MinSecretLength)
        {
            errors.Add($"{prefix}:Secret must be at least {MinSecretLength} characters (set it in the environment: Gateway__Notices__Webhooks__{name}__Secret).");
        }

        foreach (var type in endpoint.Events.Where(t => !NoticeEventTypes.All.Contains(t, StringComparer.Ordinal)))
        {
            errors.Add($"{prefix}:Events: unknown event type '{type}'; known: {string.Join(", ", NoticeEventTypes.All)}.");
        }

        if (endpoint.Timeout < TimeSpan.FromSeconds(1) || endpoint.Timeout > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{prefix}:Timeout must be between 1 second and 1 minute.");
        }
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
        || IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,49}$")]
    private static partial Regex EndpointName();
}
