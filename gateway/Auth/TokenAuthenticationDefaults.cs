namespace Gateway.Auth;

public static class TokenAuthenticationDefaults
{
    /// <summary>The authentication scheme for client API tokens.</summary>
    public const string Scheme = "ApiToken";
}
