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
    StoreUnavailable,
    IpNotAllowed,
    ScopeMissing,

    /// <summary>The client address is over its failed-authentication limit.</summary>
    AuthRateLimited,

    /// <summary>The token is over its request limit.</summary>
    RateLimited,
}
