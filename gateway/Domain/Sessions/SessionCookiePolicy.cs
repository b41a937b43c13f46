namespace Gateway.Sessions;

/// <summary>
/// How a cookie scheme's sign-ins become server sessions: the subject kind, the claim of the signed-in principal that
/// holds the subject's id, and the lifetime.
/// </summary>
public sealed record SessionCookiePolicy(string SubjectKind, string SubjectIdClaim, SessionLifetime Lifetime);
