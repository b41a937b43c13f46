namespace Gateway.Auth;

/// <summary>
/// Why a request was refused by authentication (clients always see the same 401; the audit log keeps
/// the reason) or by authorization (403).
/// </summary>
public enum AuthFailureReason
{
    MissingToken,
    MalformedToken,
    UnknownToken,
    RevokedToken,
    ExpiredToken,

    /// <summary>A valid token whose client is suspended by the billing system.</summary>
    ClientSuspended,

    /// <summary>A valid token whose client was closed (its revocation may still be under way).</summary>
    ClientClosed,
    StoreUnavailable,
    IpNotAllowed,
    ScopeMissing,

    /// <summary>The client address is over its failed-authentication limit.</summary>
    AuthRateLimited,

    /// <summary>The token is over its request limit.</summary>
    RateLimited,
}
