namespace Gateway.Audit;

/// <summary>Why a public request was denied, as the audit log spells it.</summary>
public static class AuditReason
{
    public const string MissingToken = "missing_token";
    public const string MalformedToken = "malformed_token";
    public const string UnknownToken = "unknown_token";
    public const string RevokedToken = "revoked_token";
    public const string ExpiredToken = "expired_token";
    public const string ClientSuspended = "client_suspended";
    public const string ClientClosed = "client_closed";
    public const string IpNotAllowed = "ip_not_allowed";
    public const string ScopeMissing = "scope_missing";
    public const string RateLimited = "rate_limited";
    public const string AuthRateLimited = "auth_rate_limited";
    public const string HttpsRequired = "https_required";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string NotFound = "not_found";
    public const string UpstreamError = "upstream_error";
    public const string UpstreamTimeout = "upstream_timeout";
    public const string StoreUnavailable = "store_unavailable";
    public const string BadRequest = "bad_request";
    public const string AuditUnavailable = "audit_unavailable";
}
