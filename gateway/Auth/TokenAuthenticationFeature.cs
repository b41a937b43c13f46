using Gateway.Tokens;

namespace Gateway.Auth;

/// <summary>What authentication found on this request, for authorization, transforms and the audit log.</summary>
public sealed class TokenAuthenticationFeature
{
    /// <summary>The authenticated token; set only when authentication succeeded.</summary>
    public TokenIdentity? Identity { get; set; }

    /// <summary>The stored token the credential named, even when it was revoked or expired (for the audit log).</summary>
    public TokenIdentity? Presented { get; set; }

    public AuthFailureReason? FailureReason { get; set; }

    /// <summary>Base64 SHA-256 of the presented token (never the token), when one was well-formed.</summary>
    public string? HashedToken { get; set; }
}
