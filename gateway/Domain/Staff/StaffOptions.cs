using System.ComponentModel.DataAnnotations;

namespace Gateway.Staff;

/// <summary>Settings under <c>Gateway:Admin</c>: staff sign-in, MFA and sessions.</summary>
public sealed class StaffOptions : IValidatableObject
{
    public const string Section = "Gateway:Admin";

    /// <summary>Sign-in posts (passwords and MFA codes) one client address may make per minute, on top of the per-account lockout.</summary>
    [Range(1, 1_000_000, ErrorMessage = "Gateway:Admin:SignInAttemptsPerMinute must be between 1 and 1000000.")]
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Admins must sign in with a TOTP code too; those without an authenticator enrol at their next sign-in.</summary>
    public bool RequireMfaForAdmins { get; set; } = true;

    /// <summary>The same for auditors (off by default: they change nothing).</summary>
    public bool RequireMfaForAuditors { get; set; }

    /// <summary>A staff session ends after this long without a request.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00", ErrorMessage = "Gateway:Admin:SessionIdleTimeout must be between 00:01:00 and 1.00:00:00.")]
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A staff session ends this long after sign-in, however busy (then sign in again).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00", ErrorMessage = "Gateway:Admin:SessionLifetime must be between 00:05:00 and 30.00:00:00.")]
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Whether an account of <paramref name="role"/> must use a second factor.</summary>
    public bool RequiresMfa(string role) => role == StaffRoles.Admin ? RequireMfaForAdmins : RequireMfaForAuditors;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SessionIdleTimeout > SessionLifetime)
        {
            yield return new ValidationResult(
                "Gateway:Admin:SessionIdleTimeout must not be longer than Gateway:Admin:SessionLifetime.", [nameof(SessionIdleTimeout)]);
        }
    }
}
