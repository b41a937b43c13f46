namespace Gateway.Auth;

/// <summary>Claim types on an authenticated API token principal.</summary>
public static class GatewayClaims
{
    public const string TokenId = "token_id";
    public const string ClientId = "client_id";
    public const string Scope = "scope";
}
