namespace Gateway.Sessions;

/// <summary>Why a session ended, as the store and the audit trail record it.</summary>
public static class SessionEndReasons
{
    public const string SignedOut = "signed_out";
    public const string IdleTimeout = "idle_timeout";
    public const string Expired = "expired";
    public const string Replaced = "replaced";
    public const string PasswordReset = "password_reset";
    public const string MfaReset = "mfa_reset";
    public const string Disabled = "disabled";
    public const string Deleted = "deleted";
    public const string RoleChanged = "role_changed";
    public const string AccountChanged = "account_changed";
    public const string ClientSuspended = "client_suspended";
    public const string ClientClosed = "client_closed";
}
